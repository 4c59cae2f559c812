import { operationContract } from '../../contract.ts';
import type { PrincipalMembershipsQuery, PrincipalMembershipsQueryVariables } from '../generated/tenancy.ts';

/** A user's memberships with their roles and project roles: the gateway builds a principal from them. */
export const principalMembershipsOperation = operationContract<
  PrincipalMembershipsQuery,
  PrincipalMembershipsQueryVariables
>({
  owner: 'tenancy',
  callers: ['gateway'],
  document: /* GraphQL */ `
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
  `,
});
