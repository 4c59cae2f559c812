import { operationContract } from '../../contract.ts';
import type { SignInPolicyClaimsQuery, SignInPolicyClaimsQueryVariables } from '../generated/identity.ts';

/** The sign-in policies of a user's organizations that ask more than the default: the gateway's principal carries them. */
export const signInPolicyClaimsOperation = operationContract<
  SignInPolicyClaimsQuery,
  SignInPolicyClaimsQueryVariables
>({
  owner: 'identity',
  callers: ['gateway'],
  document: /* GraphQL */ `
    query SignInPolicyClaims($organizationIds: [ID!]!) {
      signInPolicyClaims(organizationIds: $organizationIds) {
        organizationId
        secondFactor
        allowedMethods
      }
    }
  `,
});
