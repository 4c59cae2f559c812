import { ErrorCode, forbidden, notFound, stewardError } from '../../kit/errors.ts';
import { membershipIn } from '../../kit/principal.ts';
import { isAuthenticated } from '../../kit/rules.ts';
import { rule, type IRules } from '../../kit/shield.ts';
import type { SubgraphContext } from '../../kit/subgraph-server.ts';

export const AUDIT_READ_SCOPE = 'audit:read';

/**
 * An organization's ADMINs, and its API keys holding `audit:read`. Anyone outside the
 * organization gets NOT_FOUND, so the answer never confirms that the organization exists.
 */
const canReadAuditOf = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: SubgraphContext,
) => {
  const { principal } = ctx;
  if (principal.kind === 'apiKey') {
    if (principal.organizationId !== args.organizationId) return notFound('Organization');
    return principal.scopes.includes(AUDIT_READ_SCOPE) || forbidden();
  }
  if (principal.kind !== 'user') return stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  const membership = membershipIn(principal, args.organizationId);
  if (!membership) return notFound('Organization');
  return membership.role === 'ADMIN' || forbidden();
});

// The types below are reachable only through auditEvents, which already checked the organization;
// the tenant filter and RLS scope every row to the principal's organizations as well.
export const auditPermissions: IRules = {
  Query: { auditEvents: canReadAuditOf },
  AuditEventConnection: { '*': isAuthenticated },
  AuditEventEdge: { '*': isAuthenticated },
  PageInfo: { '*': isAuthenticated },
  AuditEvent: { '*': isAuthenticated },
  AuditActor: { '*': isAuthenticated },
  AuditTarget: { '*': isAuthenticated },
};
