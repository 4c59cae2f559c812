import { operationContract } from '../../contract.ts';
import type {
  PrincipalOrganizationsQuery,
  PrincipalOrganizationsQueryVariables,
} from '../generated/tenancy.ts';

/**
 * The organizations a user belongs to, without roles (tenancy lets audit and lifecycle read no
 * more): audit fans a user's own events out to them; lifecycle checks who may act on a user's data.
 */
export const principalOrganizationsOperation = operationContract<
  PrincipalOrganizationsQuery,
  PrincipalOrganizationsQueryVariables
>({
  owner: 'tenancy',
  callers: ['audit', 'lifecycle'],
  document: /* GraphQL */ `
    query PrincipalOrganizations($userId: ID!) {
      principalMemberships(userId: $userId) {
        organizationId
      }
    }
  `,
});
