import { ErrorCode, forbidden, notFound, stewardError } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import { isAuthenticated, isOperator } from '../../../runtime/rules.ts';
import { rule, type IRules } from '../../../runtime/shield.ts';
import type { SubgraphContext } from '../../../runtime/context.ts';

/** An organization's ADMINs read the incidents affecting it; anyone outside it gets NOT_FOUND. */
const isAdminOfOrganization = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: SubgraphContext,
) => {
  const { principal } = ctx;
  if (principal.kind === 'anonymous') return stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  if (principal.kind === 'apiKey') {
    return principal.organizationId === args.organizationId ? forbidden() : notFound('Organization');
  }
  const membership = membershipIn(principal, args.organizationId);
  if (!membership) return notFound('Organization');
  return membership.role === 'ADMIN' ? true : forbidden();
});

export const incidentPermissions: IRules = {
  Query: {
    operatorIncidents: isOperator,
    incident: isOperator,
    incidents: isAdminOfOrganization,
  },
  Mutation: { declareIncident: isOperator, updateIncident: isOperator, closeIncident: isOperator },
  Incident: { '*': isOperator },
  IncidentOrganization: { '*': isOperator },
  IncidentChannelState: { '*': isOperator },
  // Reached only through the fields above, which checked the caller.
  IncidentUpdate: { '*': isAuthenticated },
  OrganizationIncident: { '*': isAuthenticated },
};
