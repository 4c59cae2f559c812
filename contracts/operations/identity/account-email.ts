import { operationContract } from '../../contract.ts';
import type { AccountEmailQuery, AccountEmailQueryVariables } from '../generated/identity.ts';

/** An account's email address, or null: tenancy binds an invitation to the invited address. */
export const accountEmailOperation = operationContract<AccountEmailQuery, AccountEmailQueryVariables>({
  owner: 'identity',
  callers: ['tenancy'],
  document: /* GraphQL */ `
    query AccountEmail($userId: ID!) {
      accountEmail(userId: $userId)
    }
  `,
});
