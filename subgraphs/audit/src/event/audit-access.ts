import type { Principal } from '../../../../platform/principal.ts';
import { membershipIn } from '../../../../platform/principal.ts';

export const AUDIT_READ_SCOPE = 'audit:read';

/** Why a principal may not read an organization's audit log, or ALLOWED. */
export type AuditReadAccess = 'ALLOWED' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN';

/**
 * An organization's ADMINs, and its API keys holding `audit:read`. Anyone outside the organization
 * is NOT_FOUND, so the answer never confirms that the organization exists. Shared by the GraphQL
 * rules and the export route.
 */
export function auditReadAccess(principal: Principal, organizationId: string): AuditReadAccess {
  if (principal.kind === 'apiKey') {
    if (principal.organizationId !== organizationId) return 'NOT_FOUND';
    return principal.scopes.includes(AUDIT_READ_SCOPE) ? 'ALLOWED' : 'FORBIDDEN';
  }
  if (principal.kind !== 'user') return 'UNAUTHENTICATED';
  const membership = membershipIn(principal, organizationId);
  if (!membership) return 'NOT_FOUND';
  return membership.role === 'ADMIN' ? 'ALLOWED' : 'FORBIDDEN';
}
