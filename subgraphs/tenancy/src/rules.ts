import { forbidden, notFound } from '../../../platform/errors.ts';
import { signInPolicyError } from '../../../platform/sign-in-policy.ts';
import type { Principal } from '../../../platform/principal.ts';
import { rule } from '../../runtime/shield.ts';
import { isTenancyPartner, organizationRoleOf } from './access.ts';
import type { TenancyContext } from './context.ts';

// Rules shared by several domains. Rules that read the parent or the arguments are never cached.

/** A signed-in user; anyone else is FORBIDDEN. */
export const isUser = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: TenancyContext) => ctx.principal.kind === 'user',
);

/** A signed-in user, or a partner key holding a scope that reaches tenancy. */
export const isUserOrTenancyPartner = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: TenancyContext) => ctx.principal.kind === 'user' || isTenancyPartner(ctx.principal),
);

/** Whether the principal belongs to the organization at all (a member, or a key of it). */
const knowsOrganization = (principal: Principal, organizationId: string) =>
  organizationRoleOf(principal, organizationId) !== null ||
  (principal.kind === 'apiKey' && principal.organizationId === organizationId);

/**
 * A rule on the `organizationId` argument: whoever does not belong to the organization is told
 * NOT_FOUND (its existence is not confirmed); one who belongs without the right, FORBIDDEN.
 */
export const onArgumentOrganization = (allowed: (principal: Principal, organizationId: string) => boolean) =>
  rule({ cache: 'no_cache' })((_parent, args: { organizationId: string }, ctx: TenancyContext) => {
    if (!knowsOrganization(ctx.principal, args.organizationId)) return notFound('Organization');
    return allowed(ctx.principal, args.organizationId) || forbidden();
  });

/**
 * The organization's sign-in policy, for what is reached without naming the organization (a
 * project by its id, an organization's members and projects through `me`): the gateway applies it
 * to every operation naming the organization, and cannot see these. FORBIDDEN with its reason.
 */
export const policyRefusalIn = (principal: Principal, organizationId: string) =>
  signInPolicyError(principal, organizationId);
