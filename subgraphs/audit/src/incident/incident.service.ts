import { ErrorCode, badInput, notFound, stewardError } from '../../../../platform/errors.ts';
import { requireRecentFactor } from '../../../../platform/step-up.ts';
import { organizationIdsOperation } from '../../../../contracts/operations/tenancy/organization-ids.ts';
import type { AuditContext } from '../context.ts';
import { recordOperatorAction } from '../system/system-audit.resolvers.ts';
import { asIncidentOperator } from './incident-scope.ts';
import {
  findIncident,
  insertIncident,
  postUpdate,
  type Incident,
  type IncidentSeverity,
  type IncidentStatus,
} from './incident.repository.ts';

export interface IncidentSettings {
  /** From detection to the deadline by which every affected organization's admins are mailed. */
  notificationMs: number;
  now: () => Date;
  /** How recent the operator's factor must be to change an incident (STEWARD_REAUTHENTICATION_MINUTES). */
  stepUpWindowMs: number;
}

/** How far ahead of this server's clock a detection time may be (clock skew), and no more. */
const FUTURE_SKEW_MS = 5 * 60_000;
const TITLE_LIMIT = 200;

export interface DeclareIncidentInput {
  title: string;
  description: string;
  severity: IncidentSeverity;
  detectedAt: Date | string;
  organizationIds?: string[] | null;
  allOrganizations?: boolean | null;
}

/** The operator changing an incident, with a factor given within the step-up window (as export and deletion). */
const operatorId = (ctx: AuditContext, settings: IncidentSettings) => {
  if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.FORBIDDEN, 'Not authorised');
  requireRecentFactor(ctx.principal, settings.now(), settings.stepUpWindowMs);
  return ctx.principal.userId;
};

function parseDetectedAt(value: Date | string, now: Date): Date {
  const detectedAt = new Date(value);
  if (Number.isNaN(detectedAt.getTime())) throw badInput('Not a time', 'input.detectedAt');
  if (detectedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    throw badInput('An incident cannot be detected in the future', 'input.detectedAt');
  }
  return detectedAt;
}

export async function declareIncident(
  ctx: AuditContext,
  input: DeclareIncidentInput,
  settings: IncidentSettings,
): Promise<Incident> {
  const declaredBy = operatorId(ctx, settings);
  await asIncidentOperator(ctx.em);
  const now = settings.now();
  const title = input.title.trim();
  if (!title || title.length > TITLE_LIMIT) {
    throw badInput(`A title of 1 to ${TITLE_LIMIT} characters`, 'input.title');
  }
  if (!input.description.trim()) throw badInput('A description is required', 'input.description');
  const detectedAt = parseDetectedAt(input.detectedAt, now);
  const named = [...new Set(input.organizationIds ?? [])];
  const all = input.allOrganizations === true;
  if (all === named.length > 0) {
    throw badInput(
      'Name the organizations affected, or set allOrganizations (not both)',
      'input.organizationIds',
    );
  }
  if (named.length) await assertOrganizationsExist(ctx, named);
  const incident = await insertIncident(ctx.em, {
    title,
    description: input.description,
    severity: input.severity,
    detectedAt,
    notifyBy: new Date(detectedAt.getTime() + settings.notificationMs),
    declaredBy,
    organizationIds: named,
    allOrganizations: all,
    now,
  });
  await recordOperatorAction(ctx, 'incident.declare', {
    incidentId: incident.id,
    title,
    severity: input.severity,
    detectedAt: detectedAt.toISOString(),
    notifyBy: incident.notifyBy.toISOString(),
    organizations: all ? 'ALL' : named,
  });
  return incident;
}

/** Unknown ids are refused, naming them: an operator addresses organizations by id. */
async function assertOrganizationsExist(ctx: AuditContext, ids: string[]) {
  if (!ctx.internal) throw new Error('audit has no internal client: incidents cannot be addressed');
  const { organizationIds } = await ctx.internal(organizationIdsOperation, { among: ids }, ctx.origin);
  const known = new Set(organizationIds);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw stewardError(ErrorCode.BAD_USER_INPUT, `No organization ${unknown.join(', ')}`, {
      field: 'input.organizationIds',
    });
  }
}

export async function updateIncident(
  ctx: AuditContext,
  id: string,
  change: { status: IncidentStatus; message: string; severity?: IncidentSeverity | null },
  settings: IncidentSettings,
  action = 'incident.update',
): Promise<Incident> {
  const postedBy = operatorId(ctx, settings);
  await asIncidentOperator(ctx.em);
  if (!change.message.trim()) throw badInput('A message is required', 'message');
  const incident = await findIncident(ctx.em, id, true);
  if (!incident) throw notFound('Incident');
  if (incident.status === 'RESOLVED') {
    throw stewardError(ErrorCode.CONFLICT, 'The incident is closed', { reason: 'INCIDENT_CLOSED' });
  }
  const updated = await postUpdate(ctx.em, incident, postedBy, change, settings.now());
  await recordOperatorAction(ctx, change.status === 'RESOLVED' ? 'incident.close' : action, {
    incidentId: id,
    status: change.status,
    severity: updated.severity,
  });
  return updated;
}
