import { isUser } from '../../../kit/rules.ts';
import { allow, type IRules } from '../../../kit/shield.ts';
import { isSelfUser } from '../user/user.permissions.ts';

export const passwordPermissions: IRules = {
  // Anyone may try to sign in; the brute-force limits guard the accounts.
  Mutation: { signInWithPassword: allow, setPassword: isUser },
  User: { hasPassword: isSelfUser },
};
