import { operationContract } from '../../contract.ts';
import type { OrganizationIdsQuery, OrganizationIdsQueryVariables } from '../generated/tenancy.ts';

/** Ids of existing organizations, all or among those given: audit addresses incidents to them. */
export const organizationIdsOperation = operationContract<
  OrganizationIdsQuery,
  OrganizationIdsQueryVariables
>({
  owner: 'tenancy',
  callers: ['audit'],
  document: /* GraphQL */ `
    query OrganizationIds($among: [ID!]) {
      organizationIds(among: $among)
    }
  `,
});
