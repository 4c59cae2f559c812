import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoredEventRow } from '../stream/stream-format.ts';
import { withoutTenantDetail } from './operator-safe-error.ts';

/**
 * Incident notices by webhook. An affected organization's notice is the incident's event in its
 * chain (its id is the notification's id), so its audit streams carry it like any event: signed,
 * in chain order, deduplicated by id, retried until acknowledged. A notification is owed to the
 * streams enabled when it is chained; each stream's acknowledgement or failure of the batch holding
 * it is recorded (audit.incident_deliveries, channel WEBHOOK).
 */

/** The incident notices among a batch of events (the notifier's `incident.*` events of an Incident). */
export const incidentNoticeIds = (events: Pick<StoredEventRow, 'id' | 'action' | 'target_type'>[]) =>
  events.filter((e) => e.target_type === 'Incident' && e.action.startsWith('incident.')).map((e) => e.id);

/** Records one stream's delivery (error null) or failure of these notices, in the caller's transaction. */
export async function recordWebhookDeliveries(
  em: EntityManager,
  streamId: string,
  notificationIds: string[],
  at: Date,
  error: string | null,
): Promise<void> {
  if (notificationIds.length === 0) return;
  // Only real notifications (an ingested event could mimic the action): read in the tenant's scope.
  await em.execute(
    `insert into audit.incident_deliveries (id, notification_id, channel, stream_id, attempted_at, outcome, error)
      select gen_random_uuid(), n.id, 'WEBHOOK', ?, ?, ?, ? from audit.incident_notifications n
        where n.id = any(?::uuid[])`,
    [streamId, at, error === null ? 'SENT' : 'FAILED', error, `{${notificationIds.join(',')}}`],
  );
}

/** The organization's enabled streams, owed the notice being chained (in the chain's transaction). */
export async function owedStreams(em: EntityManager, organizationId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from audit.streams where organization_id = ? and enabled order by id',
    [organizationId],
  );
  return rows.map((row) => row.id);
}

/**
 * SQL: the streams a notification `n` is still owed to (named when chained, still there, not yet
 * acknowledged). A deleted stream is owed nothing; a disabled one is, and catches up when enabled.
 */
export const PENDING_WEBHOOKS = `(select count(*) from unnest(n.webhook_stream_ids) s(id)
    where exists (select 1 from audit.streams st where st.id = s.id)
      and not exists (select 1 from audit.incident_deliveries d
                       where d.notification_id = n.id and d.stream_id = s.id and d.outcome = 'SENT'))`;

/** One channel's counts for one organization, as the state queries answer them. */
export interface ChannelCountsRow {
  organization_id: string;
  notifications: number;
  delivered: number;
  notified_at: string | Date | null;
  deliveries: number;
  failed: number;
  last_error: string | null;
}

export const channelStateOf = (row: ChannelCountsRow) => ({
  organizationId: row.organization_id,
  notifications: row.notifications,
  delivered: row.delivered,
  notifiedAt: row.notified_at === null ? null : new Date(row.notified_at),
  deliveries: row.deliveries,
  failedDeliveries: row.failed,
  // The reason as the mail server or the organization's receiver worded it, without what it quoted.
  lastError: row.last_error === null ? null : withoutTenantDetail(row.last_error),
});

/** Per affected organization, the webhook channel's notifications, deliveries and failures. */
export async function webhookStateOf(em: EntityManager, incidentId: string) {
  const rows = await em.execute<ChannelCountsRow[]>(
    `with n as (
       select n.id, n.organization_id, n.update_sequence, n.chained_at,
         cardinality(n.webhook_stream_ids) as targeted, ${PENDING_WEBHOOKS} as pending
       from audit.incident_notifications n where n.incident_id = ?
     ), d as (
       select n.organization_id, n.update_sequence, n.targeted, n.pending, d.outcome, d.error, d.attempted_at
       from n join audit.incident_deliveries d on d.notification_id = n.id and d.channel = 'WEBHOOK'
     )
     select n.organization_id,
       count(*) filter (where n.targeted > 0)::int as notifications,
       count(*) filter (where n.targeted > 0 and n.chained_at is not null and n.pending = 0)::int as delivered,
       (select max(d.attempted_at) from d where d.organization_id = n.organization_id and d.update_sequence = 1
          and d.outcome = 'SENT' and d.pending = 0) as notified_at,
       (select count(*) from d where d.organization_id = n.organization_id and d.outcome = 'SENT')::int as deliveries,
       (select count(*) from d where d.organization_id = n.organization_id and d.outcome = 'FAILED')::int as failed,
       (select case when d.outcome = 'FAILED' then d.error end from d where d.organization_id = n.organization_id
          order by d.attempted_at desc limit 1) as last_error
     from n group by n.organization_id`,
    [incidentId],
  );
  return rows.map(channelStateOf);
}
