import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { removePasskey, renamePasskey } from './passkey-management.ts';
import { completePasskeyRegistration, startPasskeyRegistration } from './passkey-registration.ts';
import { signInWithPasskey, startPasskeySignIn } from './passkey-sign-in.ts';
import { passkeysOf } from './passkey.repository.ts';

export function createPasskeyResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      startPasskeyRegistration: (_parent, _args, ctx) => startPasskeyRegistration(ctx, options),
      completePasskeyRegistration: (_parent, args, ctx) => completePasskeyRegistration(ctx, options, args),
      renamePasskey: (_parent, args, ctx) => renamePasskey(ctx, args),
      removePasskey: (_parent, args, ctx) => removePasskey(ctx, options, args),
      startPasskeySignIn: (_parent, args, ctx) => startPasskeySignIn(ctx, options, args),
      signInWithPasskey: (_parent, args, ctx) => signInWithPasskey(ctx, options, args),
    },
    User: {
      passkeys: (user, _args, ctx) => passkeysOf(ctx.em, user.id),
    },
  };
}
