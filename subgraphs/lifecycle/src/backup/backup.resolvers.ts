import type { Resolvers } from '../generated/resolvers.ts';
import type { LifecycleContext } from '../context.ts';
import { recordOperatorEventOperation } from '../../../../contracts/operations/audit/record-operator-event.ts';
import { listBackups, listRestoreDrills } from './backup.repository.ts';

const pageSize = (first: number | null | undefined) => Math.min(Math.max(first ?? 20, 1), 100);

/**
 * The system chain records the read before the answer leaves: a read it cannot record is refused
 * (the call fails), as every operator operation is.
 */
async function recordRead(ctx: LifecycleContext, action: string, first: number) {
  if (!ctx.internal) throw new Error('lifecycle has no internal client: operator reads cannot be audited');
  const actorId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
  if (!actorId) throw new Error('An operator is a signed-in user');
  await ctx.internal(recordOperatorEventOperation, { actorId, action, metadata: { first } }, ctx.origin);
}

export const backupResolvers = (): Resolvers => ({
  Query: {
    backups: async (_parent, { first }, ctx) => {
      await recordRead(ctx, 'backups.read', pageSize(first));
      return listBackups(ctx.em, pageSize(first));
    },
    restoreDrills: async (_parent, { first }, ctx) => {
      await recordRead(ctx, 'restore-drills.read', pageSize(first));
      return listRestoreDrills(ctx.em, pageSize(first));
    },
  },
});
