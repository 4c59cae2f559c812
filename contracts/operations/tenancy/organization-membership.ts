import { operationContract } from '../../contract.ts';
import type {
  OrganizationMembershipQuery,
  OrganizationMembershipQueryVariables,
} from '../generated/tenancy.ts';

/** The user's membership of the organization (its role), or null: identity checks membership, lifecycle a role. */
export const organizationMembershipOperation = operationContract<
  OrganizationMembershipQuery,
  OrganizationMembershipQueryVariables
>({
  owner: 'tenancy',
  callers: ['identity', 'lifecycle'],
  document: /* GraphQL */ `
    query OrganizationMembership($organizationId: ID!, $userId: ID!) {
      organizationMembership(organizationId: $organizationId, userId: $userId) {
        role
      }
    }
  `,
});
