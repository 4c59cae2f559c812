import { operationContract } from '../../contract.ts';
import type {
  SoleAdminOrganizationsQuery,
  SoleAdminOrganizationsQueryVariables,
} from '../generated/tenancy.ts';

/** The organizations whose only ADMIN the user is: lifecycle refuses a deletion that would strand them. */
export const soleAdminOrganizationsOperation = operationContract<
  SoleAdminOrganizationsQuery,
  SoleAdminOrganizationsQueryVariables
>({
  owner: 'tenancy',
  callers: ['lifecycle'],
  document: /* GraphQL */ `
    query SoleAdminOrganizations($userId: ID!) {
      soleAdminOrganizations(userId: $userId)
    }
  `,
});
