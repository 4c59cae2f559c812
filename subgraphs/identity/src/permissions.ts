import { mergeTypeMaps } from '../../runtime/merge.ts';
import type { IRules } from '../../runtime/shield.ts';
import { userPermissions } from './user/user.permissions.ts';
import { sessionPermissions } from './session/session.permissions.ts';
import { devSignInPermissions } from './dev-sign-in/dev-sign-in.permissions.ts';
import { oidcPermissions } from './oidc/oidc.permissions.ts';
import { apiKeyPermissions } from './api-key/api-key.permissions.ts';
import { emailCodePermissions } from './email-code/email-code.permissions.ts';
import { passwordPermissions } from './password/password.permissions.ts';
import { signInAttemptPermissions } from './sign-in-attempt/sign-in-attempt.permissions.ts';
import { operatorPermissions } from './operator/operator.permissions.ts';

/** Every field has a rule in its domain folder; anything else is denied by the runtime's fallback. */
export const identityPermissions: IRules = mergeTypeMaps<IRules>(
  userPermissions,
  sessionPermissions,
  devSignInPermissions,
  oidcPermissions,
  apiKeyPermissions,
  emailCodePermissions,
  passwordPermissions,
  signInAttemptPermissions,
  operatorPermissions,
);
