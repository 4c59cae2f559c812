import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { runInScope, type RequestTransaction } from '../../../runtime/orm.ts';
import { startPeriodic } from '../../../runtime/periodic.ts';
import { openStreamSecret } from './stream-secret.ts';
import { postSignedWebhook } from './webhook-post.ts';
import { incidentNoticeIds, recordWebhookDeliveries } from '../incident/incident-webhook.ts';
import type { StreamMetrics } from './stream-metrics.ts';
import type { StreamRow } from './stream.repository.ts';
import { ocsfEvent, stewardEvent, type OpenedEventRow, type StoredEventRow } from './stream-format.ts';
import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { openRow } from '../content/content-open.ts';
import { openedOrThrow } from '../content/content-errors.ts';

export interface StreamDeliveryDeps {
  orm: MikroORM;
  logger: Logger;
  metrics: StreamMetrics;
  /** AUDIT_STREAM_KEY: opens the streams' signing secrets. */
  key: Buffer;
  /** Tests only: receivers on loopback (AuditOptions.allowLoopbackReceivers); never in production. */
  allowLoopback: boolean;
  /** Opens the events' content: delivered in clear, or erased once a subject's key is gone. */
  sealer: ContentSealer;
  now: () => Date;
  /** The first retry's delay, doubled at each consecutive failure up to 10 minutes. @default 5 s */
  retryBaseMs?: number;
  /** Events per POST. @default 100 */
  batchSize?: number;
  /** A receiver slower than this is a failure. @default 10 s */
  timeoutMs?: number;
}

/** A claimed stream is free again after this if its process died mid-delivery. */
const LEASE_MS = 60_000;
const STREAMS_PER_PASS = 20;
/** Batches one stream gets per pass, so one busy stream does not hold its lease for ever. */
const BATCHES_PER_PASS = 50;

/** 5 s, 10 s, 20 s… up to 10 minutes between attempts: retried for as long as it takes. */
export const streamBackoffMs = (failures: number, baseMs = 5000) =>
  Math.min(baseMs * 2 ** Math.max(0, failures - 1), 600_000);

/**
 * The delivery loop's transactions: every organization's stream rows (their RLS policy), and with
 * `organizationId` that organization's incident notifications too (to record their webhook deliveries).
 */
const inDelivery = <T>(
  orm: MikroORM,
  work: (tx: RequestTransaction) => Promise<T>,
  organizationId?: string,
) =>
  runInScope(orm, { tenantIds: organizationId ? [organizationId] : [], userId: null }, async (tx) => {
    await tx.em.execute(`select set_config('app.audit_stream_delivery', 'on', true)`);
    return work(tx);
  });

/**
 * One pass: claims due, enabled streams (a lease per row, so replicas never deliver one stream at
 * once), and delivers each its events after the last acknowledged sequence, in order, batch by
 * batch. A batch is acknowledged by a 2xx; anything else is retried later from the same sequence
 * (at least once: a receiver dedupes by event id).
 */
export async function deliverStreams(deps: StreamDeliveryDeps): Promise<void> {
  const now = deps.now();
  const token = randomUUID();
  const claimed = await inDelivery(deps.orm, ({ em }) =>
    em.execute<StreamRow[]>(
      `update audit.streams set lease_until = ?, lease_token = ?
        where id in (select id from audit.streams
                      where enabled and next_attempt_at <= ? and (lease_until is null or lease_until <= ?)
                      order by next_attempt_at limit ? for update skip locked)
        returning *`,
      [new Date(now.getTime() + LEASE_MS), token, now, now, STREAMS_PER_PASS],
    ),
  );
  await Promise.all(claimed.map((stream) => deliverStream(deps, stream, token)));
}

async function deliverStream(deps: StreamDeliveryDeps, stream: StreamRow, token: string) {
  const { orm } = deps;
  const batchSize = deps.batchSize ?? 100;
  let delivered = Number(stream.delivered_sequence);
  // The incident notices of the batch in flight: a failure is recorded against each of them.
  let notices: string[] = [];
  try {
    const secret = openStreamSecret(deps.key, stream.id, stream.secret_sealed);
    for (let batch = 0; batch < BATCHES_PER_PASS; batch++) {
      const events = await runInScope(orm, { tenantIds: [stream.organization_id], userId: null }, ({ em }) =>
        em.execute<StoredEventRow[]>(
          `select * from audit.events where organization_id = ? and sequence > ? order by sequence limit ?`,
          [stream.organization_id, delivered, batchSize],
        ),
      );
      if (events.length === 0) break;
      notices = incidentNoticeIds(events);
      // A value that fails to authenticate stops the stream here (retried, logged, counted).
      await post(stream, secret, await openRows(deps, events), deps);
      delivered = Number(events[events.length - 1]!.sequence);
      deps.metrics.delivered.inc(events.length);
      const sent = notices;
      notices = [];
      const [kept] = await inDelivery(
        orm,
        async ({ em }) => {
          const rows = await em.execute<{ enabled: boolean }[]>(
            `update audit.streams set delivered_sequence = ?, last_delivered_at = ?, failures = 0, lease_until = ?
              where id = ? and lease_token = ? returning enabled`,
            [delivered, deps.now(), new Date(deps.now().getTime() + LEASE_MS), stream.id, token],
          );
          // Recorded with the acknowledgement itself: a notice is delivered exactly when its batch is.
          if (rows.length) await recordWebhookDeliveries(em, stream.id, sent, deps.now(), null);
          return rows;
        },
        stream.organization_id,
      );
      // Deleted, turned off, or (a pass outliving its lease) taken over: stop here.
      if (!kept?.enabled || events.length < batchSize) break;
    }
    await release(orm, stream.id, token);
  } catch (error) {
    deps.metrics.failures.inc();
    const failures = stream.failures + 1;
    const message = reasonOf(error).slice(0, 1000);
    deps.logger.error(
      {
        err: error,
        streamId: stream.id,
        organizationId: stream.organization_id,
        failures,
        delivered,
        // Incident notices in the failed batch: owed to the organization by a deadline.
        ...(notices.length ? { incidentNotifications: notices } : {}),
      },
      'audit stream delivery failed; retried',
    );
    await inDelivery(
      orm,
      async ({ em }) => {
        await em.execute(
          `update audit.streams set failures = ?, last_error = ?, last_error_at = ?, next_attempt_at = ?,
              lease_until = null, lease_token = null
            where id = ? and lease_token = ?`,
          [
            failures,
            message,
            deps.now(),
            new Date(deps.now().getTime() + streamBackoffMs(failures, deps.retryBaseMs)),
            stream.id,
            token,
          ],
        );
        await recordWebhookDeliveries(em, stream.id, notices, deps.now(), message);
      },
      stream.organization_id,
    );
  }
}

/** What the admin reads in `lastError`: fetch's own "fetch failed" names its cause (ECONNREFUSED…). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : null;
  if (code) return `${error.message}: ${code}`;
  return 'code' in error && !error.message.includes(String(error.code))
    ? `${error.message}: ${String(error.code)}`
    : error.message;
}

const release = (orm: MikroORM, id: string, token: string) =>
  inDelivery(orm, ({ em }) =>
    em.execute(
      'update audit.streams set lease_until = null, lease_token = null where id = ? and lease_token = ?',
      [id, token],
    ),
  );

async function openRows(deps: StreamDeliveryDeps, rows: StoredEventRow[]): Promise<OpenedEventRow[]> {
  return Promise.all(
    rows.map(async (row) => {
      const opened = await openRow(deps.sealer, row);
      return { ...row, opened: openedOrThrow(opened) };
    }),
  );
}

async function post(stream: StreamRow, secret: string, events: OpenedEventRow[], deps: StreamDeliveryDeps) {
  const body = JSON.stringify({
    streamId: stream.id,
    organizationId: stream.organization_id,
    format: stream.format,
    events: events.map((event) =>
      stream.format === 'OCSF' ? ocsfEvent(event, stream.organization_id) : stewardEvent(event),
    ),
  });
  const status = await postSignedWebhook(stream.url, secret, body, {
    timeoutMs: deps.timeoutMs ?? 10_000,
    allowLoopback: deps.allowLoopback,
  });
  if (status < 200 || status > 299) throw new Error(`the receiver answered ${status}`);
}

/** Runs the delivery loop every `intervalMs`. */
export function startStreamDelivery(deps: StreamDeliveryDeps, intervalMs: number) {
  return startPeriodic(
    'audit streams',
    () => deliverStreams(deps),
    deps.logger,
    intervalMs,
    Math.min(intervalMs, 1000),
  );
}
