import { mergeTypeMaps } from '../../runtime/merge.ts';
import { scalarResolvers } from '../../runtime/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import type { IdentityOptions } from './options.ts';
import { userResolvers } from './user/user.resolvers.ts';
import { createSessionResolvers } from './session/session.resolvers.ts';
import { createDevSignInResolvers } from './dev-sign-in/dev-sign-in.resolvers.ts';
import { createOidcResolvers } from './oidc/oidc.resolvers.ts';
import { createApiKeyResolvers } from './api-key/api-key.resolvers.ts';
import { createEmailCodeResolvers } from './email-code/email-code.resolvers.ts';
import { createPasswordResolvers } from './password/password.resolvers.ts';
import { signInAttemptResolvers } from './sign-in-attempt/sign-in-attempt.resolvers.ts';
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
    createEmailCodeResolvers(options),
    createPasswordResolvers(options),
    signInAttemptResolvers,
    createOperatorResolvers(options),
  );
}
