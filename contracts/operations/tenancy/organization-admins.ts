import { operationContract } from '../../contract.ts';
import type { OrganizationAdminsQuery, OrganizationAdminsQueryVariables } from '../generated/tenancy.ts';

/** The ids of an organization's ADMINs (lifecycle mails them its contract notices, audit its incidents). */
export const organizationAdminsOperation = operationContract<
  OrganizationAdminsQuery,
  OrganizationAdminsQueryVariables
>({
  owner: 'tenancy',
  callers: ['lifecycle', 'audit'],
  document: /* GraphQL */ `
    query OrganizationAdmins($organizationId: ID!) {
      organizationAdmins(organizationId: $organizationId)
    }
  `,
});
