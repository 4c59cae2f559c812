import { operationContract } from '../../contract.ts';
import type { UserEmailsQuery, UserEmailsQueryVariables } from '../generated/identity.ts';

/** The addresses of these users (lifecycle mails an organization's admins its contract notices, audit its incidents). */
export const userEmailsOperation = operationContract<UserEmailsQuery, UserEmailsQueryVariables>({
  owner: 'identity',
  callers: ['lifecycle', 'audit'],
  document: /* GraphQL */ `
    query UserEmails($userIds: [ID!]!) {
      userEmails(userIds: $userIds) {
        userId
        email
      }
    }
  `,
});
