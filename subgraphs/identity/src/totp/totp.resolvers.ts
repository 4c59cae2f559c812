import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { regenerateRecoveryCodes } from '../recovery-code/recovery-code.service.ts';
import { markSessionAuthenticated } from '../step-up/step-up.service.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { confirmTotpEnrolment, removeTotp, signedInUser, startTotpEnrolment } from './totp.service.ts';
import { RecoveryCode } from '../recovery-code/recovery-code.entity.ts';

export function createTotpResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      startTotpEnrolment: (_parent, _args, ctx) => startTotpEnrolment(ctx, options),
      confirmTotpEnrolment: async (_parent, { code }, ctx) => {
        const user = await confirmTotpEnrolment(ctx, options, code);
        // The code just given is a factor of this session: it stands as a fresh second factor.
        await markSessionAuthenticated(ctx, options, 'TOTP');
        return { codes: await regenerateRecoveryCodes(ctx, options, user.id) };
      },
      removeTotp: async (_parent, _args, ctx) => {
        await requireStepUp(ctx, options);
        const user = await signedInUser(ctx);
        await ctx.em.nativeDelete(RecoveryCode, { userId: user.id });
        return removeTotp(ctx, user.id);
      },
    },
  };
}
