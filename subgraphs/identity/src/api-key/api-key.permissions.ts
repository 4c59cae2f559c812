import { forbidden, notFound } from '../../../../platform/errors.ts';
import { isGateway } from '../../../runtime/rules.ts';
import { allow, rule, type IRules } from '../../../runtime/shield.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import type { IdentityContext } from '../context.ts';
import { isAdminOf } from './api-key.repository.ts';

/** ADMINs of the argument's organization; a MEMBER is told FORBIDDEN, anyone else NOT_FOUND. */
export const isAdminOfArgumentOrganization = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: IdentityContext,
) => {
  if (!membershipIn(ctx.principal, args.organizationId)) return notFound('Organization');
  return isAdminOf(ctx.principal, args.organizationId) || forbidden();
});

const isAdminOfKeyOrganization = rule({ cache: 'no_cache' })(
  (apiKey: { organizationId: string }, _args, ctx: IdentityContext) =>
    isAdminOf(ctx.principal, apiKey.organizationId),
);

/** A signed-in user; revokeApiKey itself checks the key's organization once it has loaded it. */
const isUser = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: IdentityContext) => ctx.principal.kind === 'user',
);

// API keys never manage keys: every operation here needs a user session (or is the gateway's).
export const apiKeyPermissions: IRules = {
  Query: { apiKeys: isAdminOfArgumentOrganization, apiKeyPrincipal: isGateway },
  Mutation: { createApiKey: isAdminOfArgumentOrganization, revokeApiKey: isUser },
  ApiKey: { '*': isAdminOfKeyOrganization },
  // Reachable only from createApiKey, which only an admin of the organization gets past.
  CreatedApiKey: { '*': allow },
  ApiKeyPrincipal: { '*': isGateway },
};
