import { allow, type IRules } from '../../../runtime/shield.ts';

// Anyone may ask for a code and use it: that is how one signs in. The brute-force limits, not
// the permissions, stand between a guess and an account.
export const emailCodePermissions: IRules = {
  Mutation: { requestSignInCode: allow, signInWithCode: allow },
};
