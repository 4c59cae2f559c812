import { operationContract } from '../../contract.ts';
import type { MembersAmongQuery, MembersAmongQueryVariables } from '../generated/tenancy.ts';

/** Which of the users belong to one of the organizations: identity decides who sees a profile with it. */
export const membersAmongOperation = operationContract<MembersAmongQuery, MembersAmongQueryVariables>({
  owner: 'tenancy',
  callers: ['identity'],
  document: /* GraphQL */ `
    query MembersAmong($organizationIds: [ID!]!, $userIds: [ID!]!) {
      membersAmong(organizationIds: $organizationIds, userIds: $userIds)
    }
  `,
});
