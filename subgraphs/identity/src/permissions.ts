import { mergeTypeMaps } from '../../runtime/merge.ts';
import type { IRules } from '../../runtime/shield.ts';
import { userPermissions } from './user/user.permissions.ts';
import { sessionPermissions } from './session/session.permissions.ts';
import { devSignInPermissions } from './dev-sign-in/dev-sign-in.permissions.ts';
import { oidcPermissions } from './oidc/oidc.permissions.ts';
import { apiKeyPermissions } from './api-key/api-key.permissions.ts';
import { organizationSsoPermissions } from './organization-sso/organization-sso.permissions.ts';
import { emailCodePermissions } from './email-code/email-code.permissions.ts';
import { passwordPermissions } from './password/password.permissions.ts';
import { signInAttemptPermissions } from './sign-in-attempt/sign-in-attempt.permissions.ts';
import { passkeyPermissions } from './passkey/passkey.permissions.ts';
import { secondFactorPermissions } from './step-up/second-factor.permissions.ts';
import { signInPolicyPermissions } from './sign-in-policy/sign-in-policy.permissions.ts';
import { memberSessionPermissions } from './member-sessions/member-sessions.permissions.ts';
import { operatorPermissions } from './operator/operator.permissions.ts';

/** Every field has a rule in its domain folder; anything else is denied by the runtime's fallback. */
export const identityPermissions: IRules = mergeTypeMaps<IRules>(
  userPermissions,
  sessionPermissions,
  devSignInPermissions,
  oidcPermissions,
  apiKeyPermissions,
  organizationSsoPermissions,
  emailCodePermissions,
  passwordPermissions,
  signInAttemptPermissions,
  passkeyPermissions,
  secondFactorPermissions,
  signInPolicyPermissions,
  memberSessionPermissions,
  operatorPermissions,
);
