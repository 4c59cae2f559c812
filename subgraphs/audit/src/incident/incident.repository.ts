import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { channelStateOf, webhookStateOf, type ChannelCountsRow } from './incident-webhook.ts';

export type IncidentSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type IncidentStatus = 'INVESTIGATING' | 'IDENTIFIED' | 'MONITORING' | 'RESOLVED';

export interface Incident {
  id: string;
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  allOrganizations: boolean;
  detectedAt: Date;
  declaredAt: Date;
  declaredBy: string;
  notifyBy: Date;
  updatedAt: Date;
  closedAt: Date | null;
  organizationsExpandedAt: Date | null;
}

interface IncidentRow {
  id: string;
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  all_organizations: boolean;
  detected_at: string | Date;
  declared_at: string | Date;
  declared_by: string;
  notify_by: string | Date;
  updated_at: string | Date;
  closed_at: string | Date | null;
  organizations_expanded_at: string | Date | null;
}

const date = (value: string | Date) => new Date(value);
const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));

const incidentOf = (row: IncidentRow): Incident => ({
  id: row.id,
  title: row.title,
  description: row.description,
  severity: row.severity,
  status: row.status,
  allOrganizations: row.all_organizations,
  detectedAt: date(row.detected_at),
  declaredAt: date(row.declared_at),
  declaredBy: row.declared_by,
  notifyBy: date(row.notify_by),
  updatedAt: date(row.updated_at),
  closedAt: dateOrNull(row.closed_at),
  organizationsExpandedAt: dateOrNull(row.organizations_expanded_at),
});

export interface NewIncident {
  title: string;
  description: string;
  severity: IncidentSeverity;
  detectedAt: Date;
  notifyBy: Date;
  declaredBy: string;
  /** The organizations named; ignored when `allOrganizations`. */
  organizationIds: string[];
  allOrganizations: boolean;
  now: Date;
}

/** Declares an incident with its first update; each named organization is owed a notification. */
export async function insertIncident(em: EntityManager, input: NewIncident): Promise<Incident> {
  const id = randomUUID();
  await em.execute(
    `insert into audit.incidents (id, title, description, severity, status, all_organizations, detected_at,
        declared_at, declared_by, notify_by, updated_at)
      values (?, ?, ?, ?, 'INVESTIGATING', ?, ?, ?, ?, ?, ?)`,
    [
      id,
      input.title,
      input.description,
      input.severity,
      input.allOrganizations,
      input.detectedAt,
      input.now,
      input.declaredBy,
      input.notifyBy,
      input.now,
    ],
  );
  await insertUpdate(em, id, 1, input.declaredBy, 'INVESTIGATING', input.description, input.now);
  if (!input.allOrganizations) await addOrganizations(em, id, input.organizationIds, input.now);
  return (await findIncident(em, id))!;
}

/** Adds affected organizations (idempotent), each owed a notification of every update so far. */
export async function addOrganizations(
  em: EntityManager,
  incidentId: string,
  organizationIds: string[],
  now: Date,
) {
  if (organizationIds.length === 0) return;
  const ids = `{${organizationIds.join(',')}}`;
  await em.execute(
    `insert into audit.incident_organizations (incident_id, organization_id, added_at)
      select ?, o, ? from unnest(?::uuid[]) o on conflict do nothing`,
    [incidentId, now, ids],
  );
  await em.execute(
    `insert into audit.incident_notifications (id, incident_id, organization_id, update_sequence, created_at, next_attempt_at)
      select gen_random_uuid(), ?, o, u.sequence, ?, ? from unnest(?::uuid[]) o
        cross join audit.incident_updates u where u.incident_id = ?
      on conflict do nothing`,
    [incidentId, now, now, ids, incidentId],
  );
}

/** A status update: each affected organization is owed a notification of it. */
export async function postUpdate(
  em: EntityManager,
  incident: Incident,
  postedBy: string,
  change: { status: IncidentStatus; message: string; severity?: IncidentSeverity | null },
  now: Date,
): Promise<Incident> {
  const [last] = await em.execute<{ sequence: number }[]>(
    'select max(sequence)::int as sequence from audit.incident_updates where incident_id = ?',
    [incident.id],
  );
  const sequence = (last?.sequence ?? 0) + 1;
  await insertUpdate(em, incident.id, sequence, postedBy, change.status, change.message, now);
  await em.execute(
    `update audit.incidents set status = ?, severity = coalesce(?, severity), updated_at = ?,
        closed_at = case when ? = 'RESOLVED' then ?::timestamptz else null end
      where id = ?`,
    [change.status, change.severity ?? null, now, change.status, now, incident.id],
  );
  await em.execute(
    `insert into audit.incident_notifications (id, incident_id, organization_id, update_sequence, created_at, next_attempt_at)
      select gen_random_uuid(), incident_id, organization_id, ?, ?, ? from audit.incident_organizations
        where incident_id = ?
      on conflict do nothing`,
    [sequence, now, now, incident.id],
  );
  return (await findIncident(em, incident.id))!;
}

async function insertUpdate(
  em: EntityManager,
  incidentId: string,
  sequence: number,
  postedBy: string,
  status: IncidentStatus,
  message: string,
  now: Date,
) {
  await em.execute(
    `insert into audit.incident_updates (id, incident_id, sequence, posted_at, posted_by, status, message)
      values (?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), incidentId, sequence, now, postedBy, status, message],
  );
}

const INCIDENT_COLUMNS = `id, title, description, severity, status, all_organizations, detected_at, declared_at,
  declared_by, notify_by, updated_at, closed_at, organizations_expanded_at`;

/** The incident, locked for the rest of the transaction when `forUpdate`. */
export async function findIncident(
  em: EntityManager,
  id: string,
  forUpdate = false,
): Promise<Incident | null> {
  const [row] = await em.execute<IncidentRow[]>(
    `select ${INCIDENT_COLUMNS} from audit.incidents where id = ?${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row ? incidentOf(row) : null;
}

export async function listIncidents(em: EntityManager, limit: number): Promise<Incident[]> {
  const rows = await em.execute<IncidentRow[]>(
    `select ${INCIDENT_COLUMNS} from audit.incidents order by declared_at desc, id limit ?`,
    [limit],
  );
  return rows.map(incidentOf);
}

/** The incidents an organization is affected by: named in them, or declared for all. */
export async function incidentsOfOrganization(
  em: EntityManager,
  organizationId: string,
  limit: number,
): Promise<Incident[]> {
  const rows = await em.execute<IncidentRow[]>(
    `select ${INCIDENT_COLUMNS} from audit.incidents i
      where i.all_organizations
         or exists (select 1 from audit.incident_organizations o where o.incident_id = i.id and o.organization_id = ?)
      order by declared_at desc, id limit ?`,
    [organizationId, limit],
  );
  return rows.map(incidentOf);
}

export async function updatesOf(em: EntityManager, incidentId: string) {
  const rows = await em.execute<{ posted_at: string | Date; status: IncidentStatus; message: string }[]>(
    'select posted_at, status, message from audit.incident_updates where incident_id = ? order by sequence',
    [incidentId],
  );
  return rows.map((row) => ({ postedAt: date(row.posted_at), status: row.status, message: row.message }));
}

/** Per affected organization: notifications owed and delivered by mail, deliveries and failures. */
export async function notificationStateOf(em: EntityManager, incidentId: string) {
  const rows = await em.execute<ChannelCountsRow[]>(
    `select o.organization_id,
        count(n.id)::int as notifications,
        count(n.delivered_at)::int as delivered,
        min(n.delivered_at) filter (where n.update_sequence = 1) as notified_at,
        coalesce(sum((select count(*) from audit.incident_deliveries d where d.notification_id = n.id and d.channel = 'MAIL' and d.outcome = 'SENT')), 0)::int as deliveries,
        coalesce(sum((select count(*) from audit.incident_deliveries d where d.notification_id = n.id and d.channel = 'MAIL' and d.outcome = 'FAILED')), 0)::int as failed,
        (array_agg(n.last_error order by n.created_at desc) filter (where n.last_error is not null))[1] as last_error
      from audit.incident_organizations o
      left join audit.incident_notifications n on n.incident_id = o.incident_id and n.organization_id = o.organization_id
      where o.incident_id = ?
      group by o.organization_id
      order by o.organization_id`,
    [incidentId],
  );
  const webhooks = new Map((await webhookStateOf(em, incidentId)).map((w) => [w.organizationId, w]));
  return rows.map((row) => {
    const { organizationId, ...mail } = channelStateOf(row);
    const webhook = webhooks.get(organizationId);
    return {
      organizationId,
      ...mail,
      channels: [
        { channel: 'MAIL' as const, ...mail },
        {
          channel: 'WEBHOOK' as const,
          notifications: webhook?.notifications ?? 0,
          delivered: webhook?.delivered ?? 0,
          notifiedAt: webhook?.notifiedAt ?? null,
          deliveries: webhook?.deliveries ?? 0,
          failedDeliveries: webhook?.failedDeliveries ?? 0,
          lastError: webhook?.lastError ?? null,
        },
      ],
    };
  });
}
