import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import {
  policyRefusal,
  type SecondFactorRequirement,
  type SignInPolicyClaim,
} from '../../../../platform/sign-in-policy.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { Session } from '../session/session.entity.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { SignInPolicy } from './sign-in-policy.entity.ts';

/** What an organization without a row asks: nothing beyond a sign-in. */
const defaultPolicy = (organizationId: string): SignInPolicyClaim => ({
  organizationId,
  secondFactor: 'NONE',
  allowedMethods: null,
});

const claimOf = (row: SignInPolicy): SignInPolicyClaim => ({
  organizationId: row.organizationId,
  secondFactor: row.secondFactor,
  allowedMethods: row.allowedMethods ?? null,
});

/** An organization's policy, or the default (the caller's rule checked the organization). */
export async function signInPolicyOf(ctx: IdentityContext, organizationId: string) {
  const row = await ctx.em.findOne(SignInPolicy, { organizationId });
  return row
    ? { ...claimOf(row), updatedAt: row.updatedAt }
    : { ...defaultPolicy(organizationId), updatedAt: null };
}

/**
 * For the gateway: the policies of these organizations that ask more than the default. The ids
 * come from the gateway's own principal building (a user's memberships), never from a client.
 */
export async function policiesForGateway(ctx: IdentityContext, organizationIds: readonly string[]) {
  if (!organizationIds.length) return [];
  await ctx.tx.extendScope({ tenantIds: [...organizationIds] });
  const rows = await ctx.em.find(SignInPolicy, { organizationId: { $in: [...organizationIds] } });
  return rows.map(claimOf).filter((claim) => claim.secondFactor !== 'NONE' || claim.allowedMethods);
}

/**
 * An admin sets the organization's policy (step-up first). It must admit the admin's own
 * session as it stands, so that nobody locks the organization's admins out by a click (enrol a
 * second factor, or sign in with an allowed method, first: CONFLICT, reason
 * POLICY_EXCLUDES_YOU). Every member's cached principal is dropped: enforced at their next request.
 */
export async function setSignInPolicy(
  ctx: IdentityContext,
  options: IdentityOptions,
  organizationId: string,
  input: { secondFactor: SecondFactorRequirement; allowedMethods?: readonly string[] | null },
) {
  const session = await requireStepUp(ctx, options);
  const membership = membershipIn(ctx.principal, organizationId);
  if (ctx.principal.kind !== 'user' || !membership)
    throw stewardError(ErrorCode.NOT_FOUND, 'Organization not found');
  const allowedMethods = input.allowedMethods ? [...new Set(input.allowedMethods)] : null;
  if (allowedMethods && !allowedMethods.length)
    throw badInput('Allow at least one method, or null for any', 'allowedMethods');
  const claim: SignInPolicyClaim = { organizationId, secondFactor: input.secondFactor, allowedMethods };
  const own = await ctx.em.findOneOrFail(Session, { id: session.id });
  const refusal = policyRefusal(claim, { role: membership.role, methods: own.authenticationMethods });
  if (refusal) {
    throw stewardError(ErrorCode.CONFLICT, 'This policy would refuse your own session: satisfy it first', {
      reason: 'POLICY_EXCLUDES_YOU',
    });
  }
  const now = options.now();
  const before = await ctx.em.findOne(SignInPolicy, { organizationId });
  const previous = before ? claimOf(before) : defaultPolicy(organizationId);
  await ctx.em.upsert(SignInPolicy, {
    organizationId,
    secondFactor: claim.secondFactor,
    allowedMethods,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  });
  await recordAuditEvent(ctx.em, 'identity', {
    action: 'identity.sign_in_policy.changed',
    outcome: 'SUCCESS',
    organizationId,
    actor: actorOf(ctx.principal, ctx.origin, deviceTypeOf(ctx.origin.userAgent)),
    target: { type: 'Organization', id: organizationId },
    metadata: {
      before: { secondFactor: previous.secondFactor, allowedMethods: previous.allowedMethods },
      after: { secondFactor: claim.secondFactor, allowedMethods },
    },
  });
  await announcePrincipalChange(ctx.em, { kind: 'organization', id: organizationId });
  return { ...claim, updatedAt: now };
}
