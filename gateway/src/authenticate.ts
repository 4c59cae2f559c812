import type { Principal, RequestOrigin } from '../../platform/principal.ts';
import type { InternalClient } from '../../platform/internal-client.ts';
import { apiKeyPrincipalOperation } from '../../contracts/operations/identity/api-key-principal.ts';
import { sessionPrincipalOperation } from '../../contracts/operations/identity/session-principal.ts';
import { signInPolicyClaimsOperation } from '../../contracts/operations/identity/sign-in-policy-claims.ts';
import { principalMembershipsOperation } from '../../contracts/operations/tenancy/principal-memberships.ts';

/** Partner API keys start with this (identity's `stw_<prefix>_<secret>`); session tokens never do. */
const API_KEY_START = 'stw_';

/**
 * Turns the request's bearer token into one principal: no header is anonymous, a valid session
 * token is its user with their memberships, a valid API key is its organization and scopes,
 * anything else is refused (null).
 */
export function createAuthenticator(client: InternalClient) {
  return async (authorization: string | undefined, origin: RequestOrigin): Promise<Authenticated | null> => {
    if (!authorization) return { principal: { kind: 'anonymous' }, expiresAt: null };
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization);
    if (!match) return null;
    if (match[1]!.startsWith(API_KEY_START)) {
      const { apiKeyPrincipal } = await client(apiKeyPrincipalOperation, { secret: match[1]! }, origin);
      if (!apiKeyPrincipal) return null;
      const { expiresAt, ...key } = apiKeyPrincipal;
      return { principal: { kind: 'apiKey', ...key }, expiresAt: expiresAt ? Date.parse(expiresAt) : null };
    }
    const { sessionPrincipal } = await client(sessionPrincipalOperation, { token: match[1]! }, origin);
    if (!sessionPrincipal) return null;
    const { principalMemberships } = await client(
      principalMembershipsOperation,
      { userId: sessionPrincipal.userId },
      origin,
    );
    // Only organizations that ask more than the default come back: most principals carry none.
    const organizationIds = principalMemberships.map((m) => m.organizationId);
    const { signInPolicyClaims } = organizationIds.length
      ? await client(signInPolicyClaimsOperation, { organizationIds }, origin)
      : { signInPolicyClaims: [] };
    return {
      principal: {
        kind: 'user',
        userId: sessionPrincipal.userId,
        sessionId: sessionPrincipal.sessionId,
        memberships: principalMemberships,
        authenticatedAt: sessionPrincipal.authenticatedAt,
        authenticationMethods: sessionPrincipal.authenticationMethods,
        signInPolicies: signInPolicyClaims,
        ...(sessionPrincipal.operator ? { operator: true } : {}),
      },
      expiresAt: Date.parse(sessionPrincipal.expiresAt),
    };
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/** A principal, and when the credential it came from expires (epoch ms), if it does. */
export interface Authenticated {
  principal: Principal;
  expiresAt: number | null;
}
