import type { Resolvers } from '../generated/resolvers.ts';
import type { AuditContext } from '../context.ts';
import { appendSystemEvents, listSystemEvents } from './system-chain.repository.ts';
import { verifySystemChain } from './system-chain-verification.ts';

/** Every operator operation is itself a system event, in the transaction that answers it. */
export async function recordOperatorAction(ctx: AuditContext, action: string, metadata: unknown = null) {
  const actor = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
  await appendSystemEvents(ctx.em, [{ source: 'OPERATOR', action, actor, metadata }]);
}

export const systemAuditResolvers: Resolvers = {
  Query: {
    systemAuditEvents: async (_parent, { filter, first, after }, ctx) => {
      const page = await listSystemEvents(ctx.em, filter ?? {}, first, after);
      await recordOperatorAction(ctx, 'operator.system-audit.read', { filter: filter ?? null, first, after });
      return page;
    },
    systemAuditChain: async (_parent, _args, ctx) => {
      await recordOperatorAction(ctx, 'operator.system-audit.verify');
      return verifySystemChain(ctx.em);
    },
  },
  Mutation: {
    recordOperatorEvent: async (_parent, { actorId, action, metadata }, ctx) => {
      await appendSystemEvents(ctx.em, [
        { source: 'OPERATOR', action: `operator.${action}`, actor: actorId, metadata },
      ]);
      return true;
    },
  },
};
