import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { createOidcClients } from './oidc-client.ts';
import { completeOidcSignIn, startOidcSignIn } from './oidc-sign-in.ts';

/** OpenID Connect sign-in; the providers' discovered configurations live as long as these resolvers. */
export function createOidcResolvers(options: IdentityOptions): Resolvers {
  const clients = createOidcClients(options.oidcProviders);
  return {
    Query: {
      oidcProviders: () => options.oidcProviders.map(({ id, name }) => ({ id, name })),
    },
    Mutation: {
      startOidcSignIn: (_parent, args, ctx) => startOidcSignIn(ctx, options, clients, args),
      completeOidcSignIn: (_parent, args, ctx) => completeOidcSignIn(ctx, options, clients, args),
    },
  };
}
