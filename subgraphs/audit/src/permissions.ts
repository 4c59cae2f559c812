import { ErrorCode, forbidden, notFound, stewardError } from '../../../platform/errors.ts';
import { isAuthenticated, isOperator, isService } from '../../runtime/rules.ts';
import { or, rule, type IRules } from '../../runtime/shield.ts';
import type { SubgraphContext } from '../../runtime/context.ts';
import { auditReadAccess } from './event/audit-access.ts';
import { mergeTypeMaps } from '../../runtime/merge.ts';
import { incidentPermissions } from './incident/incident.permissions.ts';
import { streamAdminAccess, streamPermissions } from './stream/stream.permissions.ts';

export { AUDIT_READ_SCOPE } from './event/audit-access.ts';

/** Who may deliver events: the subgraphs' outbox relays, and the gateway's access log. */
export const DELIVERING_SERVICES: ReadonlySet<string> = new Set([
  'identity',
  'tenancy',
  'audit',
  'lifecycle',
  'gateway',
]);

/** The organization's ADMINs and its `audit:read` keys; NOT_FOUND for anyone outside it. */
const canReadAuditOf = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: SubgraphContext,
) => {
  switch (auditReadAccess(ctx.principal, args.organizationId)) {
    case 'ALLOWED':
      return true;
    case 'NOT_FOUND':
      return notFound('Organization');
    case 'FORBIDDEN':
      return forbidden();
    default:
      return stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  }
});

/** A session of the organization's ADMIN (API keys never run jobs here); NOT_FOUND outside it. */
const isAdminOf = rule({ cache: 'no_cache' })(
  (_parent, args: { organizationId: string }, ctx: SubgraphContext) =>
    streamAdminAccess(ctx.principal, args.organizationId),
);

const isDeliveringService = rule('audit:isDeliveringService', { cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) =>
    ctx.principal.kind === 'system' && DELIVERING_SERVICES.has(ctx.principal.service),
);

// The types below are reachable only through the queries above, which already checked the
// organization; the tenant filter and RLS scope every row to the principal's organizations as well.
const organizationAuditPermissions: IRules = {
  Query: {
    auditEvents: canReadAuditOf,
    auditChain: canReadAuditOf,
    auditChainVerifications: canReadAuditOf,
    systemAuditEvents: isOperator,
    systemAuditChain: isOperator,
  },
  // Identity records its operators' actions (operator role grants) in the system chain, lifecycle
  // theirs (reading the backups and drills).
  Mutation: {
    ingestAuditEvents: isDeliveringService,
    recordOperatorEvent: or(isService('identity'), isService('lifecycle')),
    requestAuditChainVerification: isAdminOf,
  },
  AuditEventConnection: { '*': isAuthenticated },
  AuditEventEdge: { '*': isAuthenticated },
  PageInfo: { '*': isAuthenticated },
  AuditEvent: { '*': isAuthenticated },
  AuditActor: { '*': isAuthenticated },
  AuditTarget: { '*': isAuthenticated },
  AuditChainVerification: { '*': isAuthenticated },
  AuditCheckpoint: { '*': isAuthenticated },
  AuditVerifiedCheckpoint: { '*': isAuthenticated },
  AuditChainVerificationRun: { '*': isAuthenticated },
  SystemAuditEventConnection: { '*': isOperator },
  SystemAuditEventEdge: { '*': isOperator },
  SystemAuditEvent: { '*': isOperator },
};

export const auditPermissions: IRules = mergeTypeMaps<IRules>(
  organizationAuditPermissions,
  incidentPermissions,
  streamPermissions,
);
