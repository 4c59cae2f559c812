import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import { recordOperatorEventOperation } from '../../../../contracts/operations/audit/record-operator-event.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { normalizeEmail } from '../user/user.repository.ts';
import { grantOperatorRole, hasOperatorGrant, revokeOperatorRole } from './operator-grants.ts';
import { isConfiguredOperator, operatorSet } from './operators.ts';
import { requireStepUp } from '../step-up/step-up.ts';

/** The operator flag of an authenticated session, and the grants operators make to each other. */
export function createOperatorResolvers(options: IdentityOptions): Resolvers {
  const operators = operatorSet(options.operators ?? []);

  // Granting or revoking the role needs a fresh factor, as every sensitive change does.
  async function targetOf(ctx: IdentityContext, email: string) {
    await requireStepUp(ctx, options);
    const [user] = await ctx.em.execute<{ id: string }[]>('select id from identity.users where email = ?', [
      normalizeEmail(email),
    ]);
    if (!user) throw badInput('No user with this address (they sign in once first)', 'email');
    if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.FORBIDDEN, 'Not authorised');
    return { userId: user.id, operatorId: ctx.principal.userId };
  }

  // The system chain records the change before this transaction commits: a change it cannot
  // record is refused (the call fails, the transaction rolls back).
  async function record(ctx: IdentityContext, operatorId: string, action: string, userId: string) {
    if (!ctx.internal) throw new Error('identity has no internal client: operator grants cannot be audited');
    await ctx.internal(
      recordOperatorEventOperation,
      { actorId: operatorId, action, metadata: { userId } },
      ctx.origin,
    );
  }

  return {
    SessionPrincipal: {
      operator: async (principal, _args, ctx) =>
        (await isConfiguredOperator(ctx.em, principal.userId, operators)) ||
        hasOperatorGrant(ctx.em, principal.userId),
    },
    Mutation: {
      grantOperator: async (_parent, { email }, ctx) => {
        const { userId, operatorId } = await targetOf(ctx, email);
        const changed = await grantOperatorRole(ctx.em, userId, operatorId, options.now());
        if (changed) {
          await record(ctx, operatorId, 'role.grant', userId);
          await announcePrincipalChange(ctx.em, { kind: 'user', id: userId });
        }
        return changed;
      },
      revokeOperator: async (_parent, { email }, ctx) => {
        const { userId, operatorId } = await targetOf(ctx, email);
        if (await isConfiguredOperator(ctx.em, userId, operators)) {
          throw stewardError(ErrorCode.CONFLICT, 'An operator named in STEWARD_OPERATORS', {
            reason: 'CONFIGURED_OPERATOR',
          });
        }
        const changed = await revokeOperatorRole(ctx.em, userId, operatorId, options.now());
        if (changed) {
          await record(ctx, operatorId, 'role.revoke', userId);
          await announcePrincipalChange(ctx.em, { kind: 'user', id: userId });
        }
        return changed;
      },
    },
  };
}
