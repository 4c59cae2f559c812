import { ErrorCode, forbidden, notFound, stewardError } from '../../../../platform/errors.ts';
import { membershipIn, type Principal } from '../../../../platform/principal.ts';
import { signInPolicyError } from '../../../../platform/sign-in-policy.ts';
import { rule, type IRules } from '../../../runtime/shield.ts';
import type { SubgraphContext } from '../../../runtime/context.ts';

/** ADMIN of the organization: true; a member without the role FORBIDDEN; anyone else NOT_FOUND. */
export function streamAdminAccess(principal: Principal, organizationId: string) {
  if (principal.kind === 'anonymous') return stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  // API keys never manage streams (a stream is where the whole log goes): sessions only.
  if (principal.kind === 'apiKey')
    return principal.organizationId === organizationId ? forbidden() : notFound('Organization');
  const membership = membershipIn(principal, organizationId);
  if (!membership) return notFound('Organization');
  if (membership.role !== 'ADMIN') return forbidden();
  // A stream found by id: the gateway could not tell its organization, whose sign-in policy applies.
  return signInPolicyError(principal, organizationId) ?? true;
}

const isStreamAdminOfOrganization = rule({ cache: 'no_cache' })(
  (_parent, args: { organizationId: string }, ctx: SubgraphContext) =>
    streamAdminAccess(ctx.principal, args.organizationId),
);

/** A signed-in person; update and delete then check the stream's organization once loaded. */
const isSignedInUser = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => {
  const { principal } = ctx;
  if (principal.kind === 'anonymous') return stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return principal.kind === 'user' || forbidden();
});

export const streamPermissions: IRules = {
  Query: { auditStreams: isStreamAdminOfOrganization },
  // update and delete load the stream (RLS: the caller's organizations) and check it there.
  Mutation: {
    createAuditStream: isStreamAdminOfOrganization,
    updateAuditStream: isSignedInUser,
    deleteAuditStream: isSignedInUser,
  },
  // Reachable only through the fields above, which checked the caller's role in the organization.
  AuditStream: { '*': isSignedInUser },
  CreatedAuditStream: { '*': isSignedInUser },
};
