import { forbidden, notFound } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import { isUser } from '../../../runtime/rules.ts';
import { allow, chain, rule, type IRules } from '../../../runtime/shield.ts';
import type { IdentityContext } from '../context.ts';
import { isSelfUser } from '../user/user.permissions.ts';

/** An ADMIN of the organization in the arguments; a MEMBER is told FORBIDDEN, anyone else NOT_FOUND. */
const isAdminOfArgumentOrganization = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: IdentityContext,
) => {
  const membership = membershipIn(ctx.principal, args.organizationId);
  if (!membership) return notFound('Organization');
  return membership.role === 'ADMIN' || forbidden();
});

export const signInAttemptPermissions: IRules = {
  Query: { memberSignInAttempts: chain(isUser, isAdminOfArgumentOrganization) },
  User: { signInAttempts: isSelfUser },
  // An attempt is reachable only through the two fields above: the user's own
  // (User.signInAttempts, the user themself) and a member's (memberSignInAttempts, an ADMIN of an
  // organization the member belongs to). What they return is theirs to read in full.
  SignInAttemptConnection: { '*': allow },
  SignInAttemptEdge: { '*': allow },
  SignInAttempt: { '*': allow },
  PageInfo: { '*': allow },
};
