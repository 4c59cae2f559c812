import { allow, type IRules } from '../../../runtime/shield.ts';

// Signing in is for anyone; the flow itself (state, PKCE, the provider's tokens) is the check.
export const oidcPermissions: IRules = {
  Query: { oidcProviders: allow },
  Mutation: { startOidcSignIn: allow, completeOidcSignIn: allow },
  OidcProvider: { id: allow, name: allow },
  OidcAuthorization: { authorizationUrl: allow, state: allow },
};
