import { scalarResolvers } from '../../runtime/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { verifyAuditChain } from './chain/chain-verification.ts';
import type { CheckpointKeys } from './chain/checkpoint-signature.ts';
import { listAuditEvents } from './event/audit-event.repository.ts';
import { ingestAuditEvents } from './ingest/ingest.service.ts';
import { mergeTypeMaps } from '../../runtime/merge.ts';
import { systemAuditResolvers } from './system/system-audit.resolvers.ts';
import { createIncidentResolvers, pageSize } from './incident/incident.resolvers.ts';
import type { IncidentSettings } from './incident/incident.service.ts';
import { createStreamResolvers } from './stream/stream.resolvers.ts';
import type { StreamSettings } from './stream/stream.service.ts';
import {
  listFullVerifications,
  requestFullVerification,
  type AuditJobQueue,
} from './chain/full-verification.ts';

/** What the chain's resolvers need beside the keys: the queue full verifications go on, the clock. */
export interface ChainSettings {
  queue: Pick<AuditJobQueue, 'enqueue'>;
  now: () => Date;
}
import { openEvents } from './content/opened-event.ts';
import { contentField, contentText } from './content/content-errors.ts';

export function createAuditResolvers(
  keys: CheckpointKeys,
  incidents: IncidentSettings,
  streams: StreamSettings,
  chain: ChainSettings,
): Resolvers {
  return mergeTypeMaps<Resolvers>(
    organizationResolvers(keys, chain),
    systemAuditResolvers,
    createIncidentResolvers(incidents),
    createStreamResolvers(streams),
  );
}

function organizationResolvers(keys: CheckpointKeys, chain: ChainSettings): Resolvers {
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
      auditChainVerifications: (_parent, { organizationId, first }, ctx) =>
        listFullVerifications(ctx.em, organizationId, pageSize(first, 20)),
    },
    Mutation: {
      requestAuditChainVerification: (_parent, { organizationId }, ctx) =>
        requestFullVerification(ctx.em, chain.queue, organizationId, chain.now()),
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
