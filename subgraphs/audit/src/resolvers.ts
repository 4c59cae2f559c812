import { scalarResolvers } from '../../runtime/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { verifyAuditChain } from './chain/chain-verification.ts';
import type { CheckpointKeys } from './chain/checkpoint-signature.ts';
import { listAuditEvents } from './event/audit-event.repository.ts';
import { ingestAuditEvents } from './ingest/ingest.service.ts';
import { mergeTypeMaps } from '../../runtime/merge.ts';
import { systemAuditResolvers } from './system/system-audit.resolvers.ts';
import { createIncidentResolvers } from './incident/incident.resolvers.ts';
import type { IncidentSettings } from './incident/incident.service.ts';
import { createStreamResolvers } from './stream/stream.resolvers.ts';
import type { StreamSettings } from './stream/stream.service.ts';

export function createAuditResolvers(
  keys: CheckpointKeys,
  incidents: IncidentSettings,
  streams: StreamSettings,
): Resolvers {
  return mergeTypeMaps<Resolvers>(
    organizationResolvers(keys),
    systemAuditResolvers,
    createIncidentResolvers(incidents),
    createStreamResolvers(streams),
  );
}

function organizationResolvers(keys: CheckpointKeys): Resolvers {
  return {
    ...scalarResolvers,
    Query: {
      auditEvents: (_parent, { organizationId, filter, first, after }, ctx) =>
        listAuditEvents(ctx.em, organizationId, filter, first, after),
      auditChain: (_parent, { organizationId }, ctx) => verifyAuditChain(ctx.em, organizationId, keys),
    },
    Mutation: {
      ingestAuditEvents: (_parent, { events }, ctx) => ingestAuditEvents(ctx, events),
    },
    AuditEvent: {
      actor: (event) => ({
        type: event.actorType,
        id: event.actorId,
        ip: event.actorIp,
        userAgent: event.actorUserAgent,
        deviceType: event.actorDeviceType,
      }),
      target: (event) => (event.targetType == null ? null : { type: event.targetType, id: event.targetId }),
    },
  };
}
