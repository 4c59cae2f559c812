import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { useRecoveryCode } from '../recovery-code/recovery-code.service.ts';
import { verifyTotp } from '../totp/totp.service.ts';
import { verifyPasskeyFactor } from '../passkey/passkey-factor.ts';
import { startPasskeyAssertion } from '../passkey/passkey-second-factor.ts';
import { completeSignInChallenge, openChallenge } from './sign-in-challenge.ts';

export function createSignInChallengeResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      completeSignInWithTotp: async (_parent, { challenge, code }, ctx) => {
        const found = await openChallenge(ctx, options, challenge);
        await verifyTotp(ctx, options, found.user, code);
        return completeSignInChallenge(ctx, options, found, 'TOTP');
      },
      completeSignInWithRecoveryCode: async (_parent, { challenge, code }, ctx) => {
        const found = await openChallenge(ctx, options, challenge);
        await useRecoveryCode(ctx, options, found.user, code);
        return completeSignInChallenge(ctx, options, found, 'RECOVERY_CODE');
      },
      startSignInChallengePasskey: async (_parent, { challenge }, ctx) => {
        const found = await openChallenge(ctx, options, challenge);
        return startPasskeyAssertion(ctx.em, { userId: found.user.id }, options);
      },
      completeSignInWithPasskey: async (_parent, { challenge, ceremonyId, response }, ctx) => {
        const found = await openChallenge(ctx, options, challenge);
        await verifyPasskeyFactor(ctx, options, found.user, { ceremonyId, response });
        return completeSignInChallenge(ctx, options, found, 'PASSKEY');
      },
    },
  };
}
