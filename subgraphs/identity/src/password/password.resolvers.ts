import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { setPassword, signInWithPassword } from './password.service.ts';

export function createPasswordResolvers(options: IdentityOptions): Resolvers {
  return {
    Mutation: {
      signInWithPassword: (_parent, args, ctx) => signInWithPassword(ctx, options, args),
      setPassword: (_parent, args, ctx) => setPassword(ctx, options, args),
    },
    User: {
      hasPassword: (user) => user.passwordHash !== null && user.passwordHash !== undefined,
    },
  };
}
