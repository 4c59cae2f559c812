import { forbidden, notFound } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import { allow, rule, type IRules } from '../../../runtime/shield.ts';
import { isAdminOf } from '../api-key/api-key.repository.ts';
import type { IdentityContext } from '../context.ts';

/** A signed-in ADMIN of the argument's organization; a MEMBER is told FORBIDDEN, anyone else NOT_FOUND. */
const isUserAdminOfArgumentOrganization = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: IdentityContext,
) => {
  if (!membershipIn(ctx.principal, args.organizationId)) return notFound('Organization');
  // A partner key never manages how people sign in.
  if (ctx.principal.kind !== 'user') return forbidden();
  return isAdminOf(ctx.principal, args.organizationId) || forbidden();
});

const isAdminOfParentOrganization = rule({ cache: 'no_cache' })(
  (parent: { organizationId: string }, _args, ctx: IdentityContext) =>
    ctx.principal.kind === 'user' && isAdminOf(ctx.principal, parent.organizationId),
);

export const organizationSsoPermissions: IRules = {
  Query: { organizationSso: isUserAdminOfArgumentOrganization },
  Mutation: {
    setOrganizationSso: isUserAdminOfArgumentOrganization,
    removeOrganizationSso: isUserAdminOfArgumentOrganization,
    addOrganizationSsoDomain: isUserAdminOfArgumentOrganization,
    verifyOrganizationSsoDomain: isUserAdminOfArgumentOrganization,
    removeOrganizationSsoDomain: isUserAdminOfArgumentOrganization,
    // Signing in is for anyone; the flow (state, PKCE, the provider's tokens, the domain) is the check.
    startSsoSignIn: allow,
    completeSsoSignIn: allow,
  },
  OrganizationSso: { '*': isAdminOfParentOrganization },
  OrganizationSsoDomain: { '*': isAdminOfParentOrganization },
  SsoAuthorization: { '*': allow },
};
