/** An organization's deletion through the API, timed (its raw baseline: lifecycle-seed.ts). */
import { loadavg } from 'node:os';
import type pg from 'pg';
import { SUBGRAPHS } from '../platform/database.ts';
import type { Admin, RunningStack } from './lifecycle-stack.ts';
import { graphql, GraphQLFailure } from './lib/graphql.ts';
import { postgresCpuMicros, sampleProcess } from './lib/proc.ts';
import { shredTimingOf, type ShredTiming } from './lifecycle-shred.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type ApiDeletion =
  | { status: 'pending'; reason: string }
  | {
      status: 'ok';
      deletionRequestId: string;
      seconds: number;
      serverSeconds: number | null;
      certificate: unknown;
      /** When the organization's data keys were destroyed, from the certificate; null without keys. */
      shred: ShredTiming | null;
      /** CPU time each process (and PostgreSQL) spent while the deletion ran. */
      cpuSeconds: Record<string, number>;
      loadAverage: { before: number[]; after: number[] };
    };

/** Errors that mean the deletion API is not in the graph (yet). */
const MISSING = /Cannot query field "(requestDeletion|deletionRequest)"|Unknown type "DeletionRequest"/;

/**
 * `requestDeletion` through the gateway as the organization's admin (the subgraphs run with
 * STEWARD_DELETION_GRACE_PERIOD=PT0S, so it is due at once), then `deletionRequest(id)` polled
 * until COMPLETED. "pending" when the graph has no such mutation.
 */
export async function deleteThroughApi(
  stack: RunningStack,
  admin: Admin,
  postgresDataDir: string,
  timeoutMs = 3_600_000,
): Promise<ApiDeletion> {
  const loadBefore = loadavg();
  const cpu = (): Record<string, number> => ({
    ...Object.fromEntries(
      Object.entries(stack.pids).map(([name, pid]) => [name, sampleProcess(pid).cpuMicros]),
    ),
    postgres: postgresCpuMicros(postgresDataDir),
  });
  const cpuBefore = cpu();
  const started = performance.now();
  type View = {
    id: string;
    status: string;
    requestedAt?: string;
    scheduledFor?: string;
    completedAt?: string | null;
    certificate?: { document: string } | null;
  };
  let view: View;
  try {
    view = (
      await graphql<{ requestDeletion: View }>(
        stack.url,
        /* GraphQL */ `
          mutation RequestDeletion($organizationId: ID!, $reason: String!) {
            requestDeletion(subject: { organizationId: $organizationId }, reason: $reason) {
              id
              status
              requestedAt
              scheduledFor
            }
          }
        `,
        { organizationId: admin.organizationId, reason: 'Benchmark: deletion of the seeded organization' },
        admin.token,
      )
    ).requestDeletion;
  } catch (error) {
    if (error instanceof GraphQLFailure && MISSING.test(error.message))
      return { status: 'pending', reason: error.message.slice(0, 200) };
    throw error;
  }
  const requestedAt = view.requestedAt;
  // Not due at once: the lifecycle subgraph did not take STEWARD_DELETION_GRACE_PERIOD=PT0S.
  if (view.scheduledFor && Date.parse(view.scheduledFor) - Date.now() > 60_000)
    return {
      status: 'pending',
      reason: `scheduled for ${view.scheduledFor}: the lifecycle subgraph ignored STEWARD_DELETION_GRACE_PERIOD=PT0S`,
    };
  while (view.status !== 'COMPLETED') {
    if (['FAILED', 'CANCELLED'].includes(view.status)) throw new Error(`deletion ${view.id} ${view.status}`);
    if (performance.now() - started > timeoutMs) throw new Error(`deletion ${view.id} still ${view.status}`);
    await sleep(200);
    view = (
      await graphql<{ deletionRequest: View }>(
        stack.url,
        /* GraphQL */ `
          query DeletionRequest($id: ID!) {
            deletionRequest(id: $id) {
              id
              status
              completedAt
              certificate {
                document
              }
            }
          }
        `,
        { id: view.id },
        admin.token,
      )
    ).deletionRequest;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpu();
  const cpuSeconds = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, micros]) => [name, (micros - cpuBefore[name]!) / 1e6]),
  );
  const document = view.certificate?.document ?? null;
  let certificate: unknown = document;
  try {
    certificate = document === null ? null : JSON.parse(document);
  } catch {
    // Not JSON: kept as text.
  }
  return {
    status: 'ok',
    deletionRequestId: view.id,
    seconds,
    serverSeconds:
      requestedAt && view.completedAt
        ? (Date.parse(view.completedAt) - Date.parse(requestedAt)) / 1000
        : null,
    certificate,
    shred: shredTimingOf(certificate, view.completedAt),
    cpuSeconds,
    loadAverage: { before: loadBefore, after: loadavg() },
  };
}

/**
 * When each type's deletion finished, from the subgraphs' progress tables (committed with each
 * batch; read as the superuser): the gaps between them are where the deletion's time went.
 */
export async function deletionTimeline(
  client: pg.Client,
  requestId: string,
  startedAt: string | null,
): Promise<{ schema: string; type: string; count: number; finishedAt: string; seconds: number }[]> {
  const rows: { schema: string; type: string; count: number; finishedAt: string }[] = [];
  for (const schema of SUBGRAPHS) {
    const result = await client
      .query<{ type: string; count: string; updated_at: Date }>(
        `select type, count::text, updated_at from ${schema}.lifecycle_destructions where request_id = $1`,
        [requestId],
      )
      .catch(() => ({ rows: [] }));
    for (const row of result.rows)
      rows.push({
        schema,
        type: row.type,
        count: Number(row.count),
        finishedAt: row.updated_at.toISOString(),
      });
  }
  rows.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  // The certificate's start may be stamped after the first batches committed: the earlier of both.
  let previous = Math.min(
    startedAt ? Date.parse(startedAt) : Infinity,
    Date.parse(rows[0]?.finishedAt ?? ''),
  );
  return rows.map((row) => {
    const seconds = (Date.parse(row.finishedAt) - previous) / 1000;
    previous = Date.parse(row.finishedAt);
    return { ...row, seconds };
  });
}
