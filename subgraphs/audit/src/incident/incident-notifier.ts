import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import type { RequestOrigin } from '../../../../platform/principal.ts';
import { organizationAdminsOperation } from '../../../../contracts/operations/tenancy/organization-admins.ts';
import { organizationIdsOperation } from '../../../../contracts/operations/tenancy/organization-ids.ts';
import { userEmailsOperation } from '../../../../contracts/operations/identity/user-emails.ts';
import type { Mailer } from '../../../runtime/mailer.ts';
import { runInScope, type RequestTransaction } from '../../../runtime/orm.ts';
import { asIncidentOperator } from './incident-scope.ts';
import type { IncidentMetrics } from './incident-metrics.ts';
import { startPeriodic } from '../../../runtime/periodic.ts';
import { appendToChain } from '../event/audit-event.repository.ts';
import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { addOrganizations, findIncident, updatesOf, type Incident } from './incident.repository.ts';
import { PENDING_WEBHOOKS, owedStreams } from './incident-webhook.ts';
import { withoutTenantDetail } from './operator-safe-error.ts';

export interface IncidentNotifierDeps {
  orm: MikroORM;
  internal: InternalClient;
  mailer: Mailer;
  logger: Logger;
  /** Seals the recorded notices' content under their subjects' keys. */
  sealer: ContentSealer;
  now: () => Date;
  /** A notification still undelivered this close to its deadline is an alert (error log). */
  alertBeforeMs: number;
  /** The first retry's delay, doubled at each failure up to an hour. @default 30 s */
  retryBaseMs?: number;
  metrics: IncidentMetrics;
}

const SYSTEM_SCOPE = { tenantIds: [], userId: null };

/** A transaction of the queue: no tenant, every organization's incident rows (incident-scope.ts). */
const inQueue = <T>(orm: MikroORM, work: (tx: RequestTransaction) => Promise<T>) =>
  runInScope(orm, SYSTEM_SCOPE, async (tx) => {
    await asIncidentOperator(tx.em);
    return work(tx);
  });
/** A claimed notification is retried after this if its process died mid-delivery. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/** 30 s, 1 min, 2 min… up to an hour between attempts: retried for as long as it takes. */
export const backoffMs = (attempts: number, baseMs = 30_000) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3600_000);

interface DueNotification {
  id: string;
  incident_id: string;
  organization_id: string;
  update_sequence: number;
  attempts: number;
  chained_at: string | Date | null;
}

/**
 * One pass of the durable notification queue (rows of audit.incident_notifications): expands
 * incidents declared for all organizations, then claims due notifications (a lease, so replicas
 * and a crashed process never lose one), records each in its organization's chain once, and mails
 * the organization's admins, recording every delivery. Failures are retried with backoff.
 */
export async function notifyIncidents(deps: IncidentNotifierDeps): Promise<void> {
  await expandAllOrganizations(deps);
  const now = deps.now();
  const due = await inQueue(deps.orm, ({ em }) =>
    em.execute<DueNotification[]>(
      `update audit.incident_notifications n set next_attempt_at = ?
        where id in (select id from audit.incident_notifications where delivered_at is null and next_attempt_at <= ?
                      order by next_attempt_at, created_at, update_sequence limit ? for update skip locked)
        returning id, incident_id, organization_id, update_sequence, attempts, chained_at`,
      [new Date(now.getTime() + LEASE_MS), now, BATCH],
    ),
  );
  for (const notification of due) await deliver(deps, notification);
  await alertNearDeadline(deps);
}

async function expandAllOrganizations(deps: IncidentNotifierDeps) {
  const pending = await inQueue(deps.orm, ({ em }) =>
    em.execute<{ id: string }[]>(
      'select id from audit.incidents where all_organizations and organizations_expanded_at is null',
    ),
  );
  for (const { id } of pending) {
    const { organizationIds } = await deps.internal(organizationIdsOperation, { among: null }, originOf(id));
    await inQueue(deps.orm, async ({ em }) => {
      await addOrganizations(em, id, organizationIds, deps.now());
      await em.execute('update audit.incidents set organizations_expanded_at = ? where id = ?', [
        deps.now(),
        id,
      ]);
    });
  }
}

const originOf = (id: string): RequestOrigin => ({ requestId: `incident-${id}`, ip: null, userAgent: null });

async function deliver(deps: IncidentNotifierDeps, notification: DueNotification) {
  const { orm, logger } = deps;
  const organizationId = notification.organization_id;
  const incident = await inQueue(orm, ({ em }) => findIncident(em, notification.incident_id));
  if (!incident) return;
  const update = (await inQueue(orm, ({ em }) => updatesOf(em, incident.id)))[
    notification.update_sequence - 1
  ];
  if (!update) return;
  if (!notification.chained_at) await recordInOrganizationChain(deps, notification, incident, update);
  try {
    const origin = originOf(incident.id);
    const { organizationAdmins } = await deps.internal(
      organizationAdminsOperation,
      { organizationId },
      origin,
    );
    const sent = await inQueue(orm, ({ em }) =>
      em.execute<{ recipient_user_id: string }[]>(
        `select recipient_user_id from audit.incident_deliveries where notification_id = ? and channel = 'MAIL' and outcome = 'SENT'`,
        [notification.id],
      ),
    );
    const done = new Set(sent.map((row) => row.recipient_user_id));
    const owed = organizationAdmins.filter((userId) => !done.has(userId));
    const { userEmails } = owed.length
      ? await deps.internal(userEmailsOperation, { userIds: owed }, origin)
      : { userEmails: [] };
    const mail = incidentMail(incident, update, organizationId, notification.update_sequence);
    const failures: string[] = [];
    for (const { userId, email } of userEmails) {
      let error: string | null = null;
      try {
        await deps.mailer.send({ to: email, organizationId, ...mail });
      } catch (cause) {
        // Stored for operators, and kept past a deletion of the admin: without the address it quotes.
        error = withoutTenantDetail(cause instanceof Error ? cause.message : String(cause));
        failures.push(error);
      }
      await inQueue(orm, ({ em }) =>
        em.execute(
          `insert into audit.incident_deliveries (id, notification_id, recipient_user_id, attempted_at, outcome, error)
            values (gen_random_uuid(), ?, ?, ?, ?, ?)`,
          [notification.id, userId, deps.now(), error ? 'FAILED' : 'SENT', error],
        ),
      );
    }
    if (failures.length)
      throw new Error(`${failures.length} of ${userEmails.length} mails failed: ${failures[0]}`);
    await inQueue(orm, ({ em }) =>
      em.execute(
        `update audit.incident_notifications set delivered_at = ?, attempts = attempts + 1, last_error = ?
          where id = ?`,
        [
          deps.now(),
          organizationAdmins.length ? null : 'the organization has no admin to notify',
          notification.id,
        ],
      ),
    );
  } catch (error) {
    deps.metrics.failures.inc();
    const attempts = notification.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    logger.error(
      { err: error, incidentId: incident.id, organizationId, attempts },
      'incident notification failed; retried',
    );
    await inQueue(orm, ({ em }) =>
      em.execute(
        `update audit.incident_notifications set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?`,
        [
          attempts,
          withoutTenantDetail(message).slice(0, 1000),
          new Date(deps.now().getTime() + backoffMs(attempts, deps.retryBaseMs)),
          notification.id,
        ],
      ),
    );
  }
}

/**
 * The organization's own chain records the incident's change once (the notification id is the event
 * id): its audit streams deliver that event, the notice by webhook, owed to the streams enabled now.
 */
async function recordInOrganizationChain(
  deps: IncidentNotifierDeps,
  notification: DueNotification,
  incident: Incident,
  update: { status: string; message: string; postedAt: Date },
) {
  const organizationId = notification.organization_id;
  await runInScope(deps.orm, { tenantIds: [organizationId], userId: null }, async ({ em }) => {
    await asIncidentOperator(em);
    await appendToChain(em, deps.sealer, organizationId, [
      {
        id: notification.id,
        organizationId,
        action:
          notification.update_sequence === 1
            ? 'incident.declare'
            : update.status === 'RESOLVED'
              ? 'incident.close'
              : 'incident.update',
        outcome: 'SUCCESS',
        actor: { type: 'SYSTEM', id: 'operator' },
        target: { type: 'Incident', id: incident.id },
        // The notice as a webhook receiver reads it: the operator's text, no organization's data.
        metadata: {
          title: incident.title,
          severity: incident.severity,
          status: update.status,
          update: notification.update_sequence,
          message: update.message,
          detectedAt: incident.detectedAt.toISOString(),
          postedAt: update.postedAt.toISOString(),
        },
      },
    ]);
    const streams = await owedStreams(em, organizationId);
    await em.execute(
      'update audit.incident_notifications set chained_at = ?, webhook_stream_ids = ?::uuid[] where id = ?',
      [deps.now(), `{${streams.join(',')}}`, notification.id],
    );
  });
}

function incidentMail(
  incident: Incident,
  update: { status: string; message: string; postedAt: Date },
  organizationId: string,
  sequence: number,
) {
  const kind =
    sequence === 1
      ? 'Security incident'
      : update.status === 'RESOLVED'
        ? 'Incident resolved'
        : 'Incident update';
  return {
    subject: `[${kind}] ${incident.title}`,
    text: [
      `${kind} affecting organization ${organizationId}.`,
      '',
      `Title: ${incident.title}`,
      `Severity: ${incident.severity}`,
      `Status: ${update.status}`,
      `Detected at: ${incident.detectedAt.toISOString()}`,
      '',
      update.message,
      '',
      "Its status updates are in Steward, for your organization's admins:",
      `  query { incidents(organizationId: "${organizationId}") { title status updates { postedAt status message } } }`,
    ].join('\n'),
  };
}

async function alertNearDeadline(deps: IncidentNotifierDeps) {
  const rows = await inQueue(deps.orm, ({ em }) =>
    em.execute<
      {
        incident_id: string;
        organization_id: string;
        notify_by: string | Date;
        mail: boolean;
        webhooks: number;
      }[]
    >(
      `select * from (
         select n.incident_id, n.organization_id, i.notify_by, n.delivered_at is null as mail,
           ${PENDING_WEBHOOKS}::int as webhooks
         from audit.incident_notifications n join audit.incidents i on i.id = n.incident_id
         where n.update_sequence = 1 and i.notify_by <= ?) owed
       where mail or webhooks > 0`,
      [new Date(deps.now().getTime() + deps.alertBeforeMs)],
    ),
  );
  deps.metrics.nearDeadline.set(rows.length);
  for (const row of rows) {
    deps.logger.error(
      {
        incidentId: row.incident_id,
        organizationId: row.organization_id,
        notifyBy: new Date(row.notify_by),
        channels: [...(row.mail ? ['MAIL'] : []), ...(row.webhooks > 0 ? ['WEBHOOK'] : [])],
        webhooksPending: row.webhooks,
      },
      'incident notification still undelivered near (or past) its deadline',
    );
  }
}

/** Runs the notification queue every `intervalMs`. */
export function startIncidentNotifier(deps: IncidentNotifierDeps, intervalMs: number) {
  return startPeriodic(
    'incident notifications',
    () => notifyIncidents(deps),
    deps.logger,
    intervalMs,
    Math.min(intervalMs, 1000),
  );
}
