import type { Resolvers } from '../generated/resolvers.ts';
import { badInput } from '../../../../platform/errors.ts';
import { recordOperatorAction } from '../system/system-audit.resolvers.ts';
import {
  findIncident,
  incidentsOfOrganization,
  listIncidents,
  notificationStateOf,
  updatesOf,
} from './incident.repository.ts';
import { asIncidentOperator } from './incident-scope.ts';
import { declareIncident, updateIncident, type IncidentSettings } from './incident.service.ts';

/** `first` within 1..100, else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const limit = first ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw badInput('first must be between 1 and 100', 'first');
  return limit;
}

export function createIncidentResolvers(settings: IncidentSettings): Resolvers {
  return {
    Query: {
      operatorIncidents: async (_parent, { first }, ctx) => {
        const limit = pageSize(first, 50);
        await asIncidentOperator(ctx.em);
        await recordOperatorAction(ctx, 'operator.incidents.read');
        return listIncidents(ctx.em, limit);
      },
      incident: async (_parent, { id }, ctx) => {
        await asIncidentOperator(ctx.em);
        await recordOperatorAction(ctx, 'operator.incident.read', { incidentId: id });
        return findIncident(ctx.em, id);
      },
      incidents: (_parent, { organizationId, first }, ctx) =>
        incidentsOfOrganization(ctx.em, organizationId, pageSize(first, 20)),
    },
    Mutation: {
      declareIncident: (_parent, { input }, ctx) => declareIncident(ctx, input, settings),
      updateIncident: (_parent, { id, input }, ctx) => updateIncident(ctx, id, input, settings),
      closeIncident: (_parent, { id, message }, ctx) =>
        updateIncident(ctx, id, { status: 'RESOLVED', message }, settings, 'incident.close'),
    },
    Incident: {
      updates: (incident, _args, ctx) => updatesOf(ctx.em, incident.id),
      organizations: (incident, _args, ctx) => notificationStateOf(ctx.em, incident.id),
    },
    OrganizationIncident: {
      updates: (incident, _args, ctx) => updatesOf(ctx.em, incident.id),
    },
  };
}
