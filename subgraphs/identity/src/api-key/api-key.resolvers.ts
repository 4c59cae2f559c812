import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { createApiKeyInput, parseInput } from './api-key.input.ts';
import { apiKeysOf, authenticateApiKey, createApiKey, revokeApiKey } from './api-key.repository.ts';
import { firstOf } from '../../../runtime/page.ts';

// Who may call these is in api-key.permissions.ts; the organization arguments are checked there.
export function createApiKeyResolvers(options: Pick<IdentityOptions, 'now'>): Resolvers {
  return {
    Query: {
      apiKeys: async (_parent, { organizationId, first }, ctx) =>
        firstOf(await apiKeysOf(ctx.em, organizationId), first),
      apiKeyPrincipal: (_parent, { secret }, ctx) => authenticateApiKey(ctx, secret, options.now()),
    },
    Mutation: {
      createApiKey: (_parent, { organizationId, ...args }, ctx) => {
        const now = options.now();
        return createApiKey(ctx, organizationId, parseInput(createApiKeyInput(now), args), now);
      },
      revokeApiKey: (_parent, { id }, ctx) => revokeApiKey(ctx, id, options.now()),
    },
  };
}
