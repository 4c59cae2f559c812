import { isUser } from '../../../runtime/rules.ts';
import { allow, type IRules } from '../../../runtime/shield.ts';
import { isSelfUser } from '../user/user.permissions.ts';

export const passwordPermissions: IRules = {
  // Anyone may try to sign in; the brute-force limits guard the accounts.
  Mutation: { signInWithPassword: allow, setPassword: isUser },
  User: { hasPassword: isSelfUser },
};
