import type { MembershipClaim, Principal, RequestOrigin } from '../../subgraphs/kit/principal.ts';
import type { InternalClient } from '../../subgraphs/kit/internal-client.ts';

const SESSION_QUERY = /* GraphQL */ `
  query SessionPrincipal($token: String!) {
    sessionPrincipal(token: $token) {
      userId
      sessionId
    }
  }
`;

const MEMBERSHIPS_QUERY = /* GraphQL */ `
  query PrincipalMemberships($userId: ID!) {
    principalMemberships(userId: $userId) {
      organizationId
      role
      projects {
        projectId
        role
      }
    }
  }
`;

/**
 * Turns the request's bearer token into one principal: no header is anonymous, a valid session
 * token is its user with their memberships, anything else is refused (null).
 */
export function createAuthenticator(client: InternalClient) {
  return async (authorization: string | undefined, origin: RequestOrigin): Promise<Principal | null> => {
    if (!authorization) return { kind: 'anonymous' };
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization);
    if (!match) return null;
    const { sessionPrincipal } = await client<{
      sessionPrincipal: { userId: string; sessionId: string } | null;
    }>('identity', SESSION_QUERY, { token: match[1] }, origin);
    if (!sessionPrincipal) return null;
    const { principalMemberships } = await client<{ principalMemberships: MembershipClaim[] }>(
      'tenancy',
      MEMBERSHIPS_QUERY,
      { userId: sessionPrincipal.userId },
      origin,
    );
    return {
      kind: 'user',
      userId: sessionPrincipal.userId,
      sessionId: sessionPrincipal.sessionId,
      memberships: principalMemberships,
    };
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
