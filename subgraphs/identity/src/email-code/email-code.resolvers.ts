import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { requestSignInCode, signInWithCode } from './email-code.service.ts';

export function createEmailCodeResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      requestSignInCode: (_parent, { email }, ctx) => requestSignInCode(ctx, options, email),
      signInWithCode: (_parent, args, ctx) => signInWithCode(ctx, options, args),
    },
  };
}
