import { z } from 'zod';
// Types only: principal.ts builds its schema from this module's.
import type { Principal } from './principal.ts';
import { ErrorCode, stewardError } from './errors.ts';

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

/**
 * Why the organization's sign-in policy refuses this principal's session, or null (no policy, not
 * a member, a partner key). The gateway applies it to every operation naming the organization; a
 * subgraph applies it again to an object it found by id, whose organization only it knows.
 */
export function sessionPolicyRefusal(principal: Principal, organizationId: string): PolicyRefusal | null {
  if (principal.kind !== 'user') return null;
  const id = organizationId.toLowerCase();
  const policy = principal.signInPolicies?.find((p) => p.organizationId.toLowerCase() === id);
  const membership = principal.memberships.find((m) => m.organizationId.toLowerCase() === id);
  if (!policy || !membership) return null;
  return policyRefusal(policy, { role: membership.role, methods: principal.authenticationMethods ?? [] });
}

/**
 * sessionPolicyRefusal as the coded error a client acts on (FORBIDDEN, with the reason naming the
 * step and the organization), for a subgraph that found an object by its id alone: the gateway
 * refuses every operation naming the organization, and cannot see these.
 */
export function signInPolicyError(principal: Principal, organizationId: string) {
  const reason = sessionPolicyRefusal(principal, organizationId);
  return reason
    ? stewardError(ErrorCode.FORBIDDEN, 'This organization’s sign-in policy refuses this session', {
        reason,
        organizationId,
      })
    : null;
}
