import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { isConfiguredOperator, operatorSet } from './operators.ts';

/** The operator flag of an authenticated session, for the gateway's principal. */
export function createOperatorResolvers(options: IdentityOptions): Resolvers {
  const operators = operatorSet(options.operators ?? []);
  return {
    SessionPrincipal: {
      operator: (principal, _args, ctx) => isConfiguredOperator(ctx.em, principal.userId, operators),
    },
  };
}
