import { operationContract } from '../../contract.ts';
import type { ApiKeyPrincipalQuery, ApiKeyPrincipalQueryVariables } from '../generated/identity.ts';

/** The partner API key a secret names, while it is valid; null otherwise. The gateway authenticates with it. */
export const apiKeyPrincipalOperation = operationContract<
  ApiKeyPrincipalQuery,
  ApiKeyPrincipalQueryVariables
>({
  owner: 'identity',
  callers: ['gateway'],
  document: /* GraphQL */ `
    query ApiKeyPrincipal($secret: String!) {
      apiKeyPrincipal(secret: $secret) {
        keyId
        organizationId
        scopes
        expiresAt
      }
    }
  `,
});
