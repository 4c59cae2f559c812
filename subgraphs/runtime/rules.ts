import { ErrorCode, forbidden, stewardError } from '../../platform/errors.ts';
import { isOperatorPrincipal } from '../../platform/principal.ts';
import { hasSecondFactor } from '../../platform/sign-in-policy.ts';
import { rule } from './shield.ts';
import type { SubgraphContext } from './context.ts';

// Rules read only the principal, or the parent they are given: never cached across fields
// that read the parent or arguments.

/** A signed-in user or a partner API key. */
export const isAuthenticated = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) => ctx.principal.kind === 'user' || ctx.principal.kind === 'apiKey',
);

/** The gateway itself (system principal), for internal operations hidden from the public graph. */
export const isGateway = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) =>
    ctx.principal.kind === 'system' && ctx.principal.service === 'gateway',
);

/** The signed-in user (or the one this request just signed in) is the one the parent belongs to. */
export const isSelf = <TParent>(userIdOf: (parent: TParent) => string) =>
  rule({ cache: 'no_cache' })((parent: TParent, _args, ctx: SubgraphContext) => {
    const userId = userIdOf(parent);
    return (
      (ctx.principal.kind === 'user' && ctx.principal.userId === userId) || ctx.signedInUserId === userId
    );
  });

/** Another subgraph calling this one's internal operations as itself. */
export const isService = (service: string) =>
  rule(`isService:${service}`, { cache: 'contextual' })(
    (_parent, _args, ctx: SubgraphContext) =>
      ctx.principal.kind === 'system' && ctx.principal.service === service,
  );

/** A signed-in user; anyone else is told UNAUTHENTICATED (not FORBIDDEN: signing in would help). */
export const isUser = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
  ctx.principal.kind === 'user' ? true : stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first'),
);

/**
 * One of the SaaS operator's staff, signed in with a user session that gave a second factor (a
 * TOTP code, a recovery code or a passkey, at sign-in or by a step-up): an operator's session
 * without one is FORBIDDEN with `reason: SECOND_FACTOR_REQUIRED` (enrol a factor, or step up with
 * it). Anonymous callers are told UNAUTHENTICATED, every other principal FORBIDDEN.
 */
export const isOperator = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => {
  const { principal } = ctx;
  if (isOperatorPrincipal(principal)) {
    if (principal.kind === 'user' && hasSecondFactor(principal.authenticationMethods ?? [])) return true;
    return stewardError(ErrorCode.FORBIDDEN, 'Operator operations need a session with a second factor', {
      reason: 'SECOND_FACTOR_REQUIRED',
    });
  }
  return ctx.principal.kind === 'anonymous'
    ? stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first')
    : forbidden();
});
