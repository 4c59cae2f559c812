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
import { openEvents } from './content/opened-event.ts';
import { contentField, contentText } from './content/content-errors.ts';

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
      auditEvents: async (_parent, { organizationId, filter, first, after }, ctx) => {
        const page = await listAuditEvents(ctx.em, organizationId, filter, first, after);
        const nodes = await openEvents(
          ctx.sealer,
          page.edges.map((edge) => edge.node),
        );
        return { ...page, edges: page.edges.map((edge, index) => ({ ...edge, node: nodes[index]! })) };
      },
      auditChain: (_parent, { organizationId }, ctx) => verifyAuditChain(ctx.em, organizationId, keys),
    },
    Mutation: {
      ingestAuditEvents: (_parent, { events }, ctx) => ingestAuditEvents(ctx, events),
    },
    AuditEvent: {
      actor: (event) => ({
        type: event.actorType,
        id: event.actorId,
        deviceType: event.actorDeviceType,
        opened: event.opened,
      }),
      target: (event) => (event.targetType == null ? null : { type: event.targetType, id: event.targetId }),
      metadata: (event) => contentField(event.opened, 'metadata'),
      erased: (event) => event.opened.erased,
    },
    AuditActor: {
      ip: (actor) => contentText(actor.opened, 'actor.ip'),
      userAgent: (actor) => contentText(actor.opened, 'actor.userAgent'),
    },
  };
}
