import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { parseEmail } from '../user/email.ts';
import { findOrCreateUser } from '../user/user.repository.ts';
import { sealedDisplayName } from '../user/display-name.ts';

/** Signs in by email alone: for development and tests only, refused in production. */
export function createDevSignInResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      devSignIn: async (_parent, { email, displayName }, ctx) => {
        if (!options.allowDevSignIn)
          throw stewardError(ErrorCode.FORBIDDEN, 'Development sign-in is disabled');
        const parsed = parseEmail(email);
        if (!parsed) throw badInput('Not a valid email address', 'email');
        const user = await findOrCreateUser(ctx.em, parsed, sealedDisplayName(ctx.sealer, displayName));
        return completeSignIn(ctx, options, { user, method: 'DEVELOPMENT' });
      },
    },
  };
}
