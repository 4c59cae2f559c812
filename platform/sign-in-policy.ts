import { z } from 'zod';

/** Who in an organization must give a second factor. */
export const SecondFactorRequirement = z.enum(['NONE', 'ADMINS', 'EVERYONE']);
export type SecondFactorRequirement = z.infer<typeof SecondFactorRequirement>;

/** An organization's sign-in policy, as identity keeps it and the gateway's principal carries it. */
export const SignInPolicyClaim = z.object({
  organizationId: z.string(),
  secondFactor: SecondFactorRequirement,
  /** The first factors a member may have signed in with; null: any. */
  allowedMethods: z.array(z.string()).nullable(),
});
export type SignInPolicyClaim = z.infer<typeof SignInPolicyClaim>;

/** Session methods that are a second factor (a passkey proves two at once). */
const SECOND_FACTORS = new Set(['TOTP', 'RECOVERY_CODE', 'PASSKEY']);

/** Whether a session authenticated with `methods` gave a second factor (at sign-in or a step-up). */
export const hasSecondFactor = (methods: readonly string[]) =>
  methods.some((method) => SECOND_FACTORS.has(method));

/** What a client is told, in `extensions.reason`, when a policy refuses its session. */
export type PolicyRefusal = 'SECOND_FACTOR_REQUIRED' | 'SIGN_IN_METHOD_NOT_ALLOWED';

/**
 * Whether a session authenticated with `methods` (first factor first) by a member of `role`
 * satisfies the policy, or why not. A second factor given by a step-up counts: the session
 * proved it. The first method must be allowed; a passkey stands for itself.
 */
export function policyRefusal(
  policy: SignInPolicyClaim,
  session: { role: 'ADMIN' | 'MEMBER'; methods: readonly string[] },
): PolicyRefusal | null {
  const first = session.methods[0];
  if (policy.allowedMethods && (!first || !policy.allowedMethods.includes(first))) {
    return 'SIGN_IN_METHOD_NOT_ALLOWED';
  }
  const needsSecond =
    policy.secondFactor === 'EVERYONE' || (policy.secondFactor === 'ADMINS' && session.role === 'ADMIN');
  if (needsSecond && !hasSecondFactor(session.methods)) {
    return 'SECOND_FACTOR_REQUIRED';
  }
  return null;
}
