import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { createApiKeyInput, parseInput } from './api-key.input.ts';
import { apiKeysOf, authenticateApiKey, createApiKey, revokeApiKey } from './api-key.repository.ts';
import { firstOf } from '../../../runtime/page.ts';
import { requireStepUp } from '../step-up/step-up.ts';

// Who may call these is in api-key.permissions.ts; the organization arguments are checked there.
export function createApiKeyResolvers(
  options: Pick<IdentityOptions, 'now' | 'recentAuthenticationMs'>,
): Resolvers {
  return {
    Query: {
      apiKeys: async (_parent, { organizationId, first }, ctx) =>
        firstOf(await apiKeysOf(ctx.em, organizationId), first),
      apiKeyPrincipal: (_parent, { secret }, ctx) => authenticateApiKey(ctx, secret, options.now()),
    },
    Mutation: {
      createApiKey: async (_parent, { organizationId, ...args }, ctx) => {
        // A key outlives the session: a person creating one proves a factor recently (a key can
        // be created by a user only, see api-key.permissions.ts).
        await requireStepUp(ctx, options);
        const now = options.now();
        return createApiKey(ctx, organizationId, parseInput(createApiKeyInput(now), args), now);
      },
      revokeApiKey: (_parent, { id }, ctx) => revokeApiKey(ctx, id, options.now()),
    },
  };
}
