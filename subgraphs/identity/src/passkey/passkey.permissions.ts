import { isSelf, isUser } from '../../../runtime/rules.ts';
import { allow, type IRules } from '../../../runtime/shield.ts';
import { isSelfUser } from '../user/user.permissions.ts';

/** The passkey's own user (or the one this request just registered it for). */
const isPasskeyOwner = isSelf((passkey: { userId: string }) => passkey.userId);

// A person's passkeys are theirs alone: no admin, key or service reads or changes them.
export const passkeyPermissions: IRules = {
  Mutation: {
    startPasskeyRegistration: isUser,
    completePasskeyRegistration: isUser,
    renamePasskey: isUser,
    removePasskey: isUser,
    // Anyone may try to sign in; the ceremony and the brute-force limits guard the accounts.
    startPasskeySignIn: allow,
    signInWithPasskey: allow,
  },
  User: { passkeys: isSelfUser },
  Passkey: { '*': isPasskeyOwner },
  // Reachable only from the mutations above, whose rules already checked the caller.
  PasskeyRegistrationStart: { '*': allow },
  PasskeySignInStart: { '*': allow },
};
