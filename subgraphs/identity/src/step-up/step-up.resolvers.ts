import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { stepUpWithEmailCode } from './email-code-step-up.ts';
import { startPasskeyAssertion } from '../passkey/passkey-second-factor.ts';
import { signedInUser } from '../totp/totp.service.ts';
import {
  stepUpWithPasskey,
  stepUpWithPassword,
  stepUpWithRecoveryCode,
  stepUpWithTotp,
} from './step-up.service.ts';

export function createStepUpResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      stepUpWithTotp: (_parent, { code }, ctx) => stepUpWithTotp(ctx, options, code),
      stepUpWithRecoveryCode: (_parent, { code }, ctx) => stepUpWithRecoveryCode(ctx, options, code),
      stepUpWithPassword: (_parent, { password }, ctx) => stepUpWithPassword(ctx, options, password),
      stepUpWithEmailCode: (_parent, { code }, ctx) => stepUpWithEmailCode(ctx, options, code),
      startPasskeyStepUp: async (_parent, _args, ctx) =>
        startPasskeyAssertion(ctx.em, { userId: (await signedInUser(ctx)).id }, options),
      stepUpWithPasskey: (_parent, args, ctx) => stepUpWithPasskey(ctx, options, args),
    },
  };
}
