import type { Resolvers, SignInPolicy } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { isSignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { policiesForGateway, setSignInPolicy, signInPolicyOf } from './sign-in-policy.service.ts';

const publicPolicy = (policy: Awaited<ReturnType<typeof signInPolicyOf>>): SignInPolicy => ({
  ...policy,
  allowedMethods: policy.allowedMethods?.filter(isSignInMethod) ?? null,
});

// Who may call these is in sign-in-policy.permissions.ts (the organization argument is checked there).
export function createSignInPolicyResolvers(options: IdentityOptions): Resolvers {
  return {
    Query: {
      signInPolicy: async (_parent, { organizationId }, ctx) =>
        publicPolicy(await signInPolicyOf(ctx, organizationId)),
      signInPolicyClaims: (_parent, { organizationIds }, ctx) => policiesForGateway(ctx, organizationIds),
    },
    Mutation: {
      setSignInPolicy: async (_parent, { organizationId, policy }, ctx) =>
        publicPolicy(await setSignInPolicy(ctx, options, organizationId, policy)),
    },
  };
}
