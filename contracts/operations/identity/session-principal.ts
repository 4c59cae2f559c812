import { operationContract } from '../../contract.ts';
import type { SessionPrincipalQuery, SessionPrincipalQueryVariables } from '../generated/identity.ts';

/** The session a bearer token names, while it is valid; null otherwise. The gateway authenticates with it. */
export const sessionPrincipalOperation = operationContract<
  SessionPrincipalQuery,
  SessionPrincipalQueryVariables
>({
  owner: 'identity',
  callers: ['gateway'],
  document: /* GraphQL */ `
    query SessionPrincipal($token: String!) {
      sessionPrincipal(token: $token) {
        userId
        sessionId
        expiresAt
        authenticatedAt
        authenticationMethods
        operator
      }
    }
  `,
});
