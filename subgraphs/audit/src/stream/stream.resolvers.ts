import type { Resolvers } from '../generated/resolvers.ts';
import { streamsOf } from './stream.repository.ts';
import {
  createAuditStream,
  deleteAuditStream,
  updateAuditStream,
  type StreamSettings,
} from './stream.service.ts';

export function createStreamResolvers(settings: StreamSettings): Resolvers {
  return {
    Query: {
      auditStreams: (_parent, { organizationId }, ctx) => streamsOf(ctx.em, organizationId),
    },
    Mutation: {
      createAuditStream: (_parent, { organizationId, input }, ctx) =>
        createAuditStream(ctx, organizationId, input, settings),
      updateAuditStream: (_parent, { id, input }, ctx) => updateAuditStream(ctx, id, input, settings),
      deleteAuditStream: (_parent, { id }, ctx) => deleteAuditStream(ctx, id),
    },
  };
}
