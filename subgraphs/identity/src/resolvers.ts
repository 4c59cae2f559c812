import { mergeTypeMaps } from '../../runtime/merge.ts';
import { scalarResolvers } from '../../runtime/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import type { IdentityOptions } from './options.ts';
import { userResolvers } from './user/user.resolvers.ts';
import { createSessionResolvers } from './session/session.resolvers.ts';
import { createDevSignInResolvers } from './dev-sign-in/dev-sign-in.resolvers.ts';
import { createOidcResolvers } from './oidc/oidc.resolvers.ts';
import { createApiKeyResolvers } from './api-key/api-key.resolvers.ts';
import { createOrganizationSsoResolvers } from './organization-sso/organization-sso.resolvers.ts';
import { createEmailCodeResolvers } from './email-code/email-code.resolvers.ts';
import { createPasswordResolvers } from './password/password.resolvers.ts';
import { signInAttemptResolvers } from './sign-in-attempt/sign-in-attempt.resolvers.ts';
import { createPasskeyResolvers } from './passkey/passkey.resolvers.ts';
import { createTotpResolvers } from './totp/totp.resolvers.ts';
import { createRecoveryCodeResolvers } from './recovery-code/recovery-code.resolvers.ts';
import { createSignInChallengeResolvers } from './sign-in-challenge/sign-in-challenge.resolvers.ts';
import { createStepUpResolvers } from './step-up/step-up.resolvers.ts';
import { createSignInPolicyResolvers } from './sign-in-policy/sign-in-policy.resolvers.ts';
import { createMemberSessionResolvers } from './member-sessions/member-sessions.resolvers.ts';
import { createOperatorResolvers } from './operator/operator.resolvers.ts';

/** Each domain folder owns its resolvers; this only puts them together. */
export function createIdentityResolvers(options: IdentityOptions): Resolvers {
  return mergeTypeMaps<Resolvers>(
    { DateTime: scalarResolvers.DateTime },
    userResolvers,
    createSessionResolvers(options),
    createDevSignInResolvers(options),
    createOidcResolvers(options),
    createApiKeyResolvers(options),
    createOrganizationSsoResolvers(options),
    createEmailCodeResolvers(options),
    createPasswordResolvers(options),
    signInAttemptResolvers,
    createPasskeyResolvers(options),
    createTotpResolvers(options),
    createRecoveryCodeResolvers(options),
    createSignInChallengeResolvers(options),
    createStepUpResolvers(options),
    createSignInPolicyResolvers(options),
    createMemberSessionResolvers(options),
    createOperatorResolvers(options),
  );
}
