import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { secondFactorsOf } from '../sign-in-challenge/second-factors.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { signedInUser } from '../totp/totp.service.ts';
import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import { TotpFactor } from '../totp/totp-factor.entity.ts';
import { recoveryCodesLeft, regenerateRecoveryCodes } from './recovery-code.service.ts';

export function createRecoveryCodeResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      regenerateRecoveryCodes: async (_parent, _args, ctx) => {
        await requireStepUp(ctx, options);
        const user = await signedInUser(ctx);
        if (!(await secondFactorsOf(ctx.em, user.id)).length) {
          throw stewardError(ErrorCode.CONFLICT, 'Enrol a second factor first', {
            reason: 'NO_SECOND_FACTOR',
          });
        }
        return { codes: await regenerateRecoveryCodes(ctx, options, user.id) };
      },
    },
    User: {
      secondFactors: async (user, _args, ctx) => ({
        totp: (await ctx.em.count(TotpFactor, { userId: user.id, confirmedAt: { $ne: null } })) > 0,
        recoveryCodesLeft: await recoveryCodesLeft(ctx, user.id),
      }),
    },
  };
}
