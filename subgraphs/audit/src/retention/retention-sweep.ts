import type { MikroORM } from '@mikro-orm/postgresql';
import { runInScope } from '../../../runtime/orm.ts';
import { chainWalk } from '../chain/chain-walk.ts';
import { signCheckpoint, type CheckpointKeys } from '../chain/checkpoint-signature.ts';
import { hashAuditEvent } from '../event/audit-hash.ts';
import { eventsBetween, queryIn } from '../event/event-scan.ts';

/** The audit retention floor: events are kept at least this many months. */
export const MINIMUM_RETENTION_MONTHS = 12;

export interface RetentionSweepOptions {
  /** Events deleted per transaction (each with its own checkpoint). @default 5000 */
  batchSize?: number;
  /** Organizations handled per sweep; the next sweep takes the rest. @default 100 */
  organizationsPerSweep?: number;
}

/**
 * Purges, in every organization, the prefix of its chain older than its retention period (12
 * months unless it keeps longer), batch by batch: each batch stores a signed checkpoint of its
 * last event and deletes through `audit.purge_events`, which re-checks hash and age. Idempotent and
 * resumable: a batch commits on its own, and the next sweep continues from what is left.
 * Answers how many events were purged.
 */
export async function sweepAuditRetention(
  orm: MikroORM,
  keys: CheckpointKeys,
  options: RetentionSweepOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  const em = orm.em.fork({ clear: true, useContext: false });
  const due = await em.execute<{ organization_id: string }[]>(
    'select organization_id from audit.organizations_due_for_purge(?)',
    [options.organizationsPerSweep ?? 100],
  );
  let purged = 0;
  const refused: unknown[] = [];
  for (const { organization_id: organizationId } of due) {
    // A broken chain keeps its prefix (and says so) without holding up the other organizations.
    purged += await purgeExpiredEvents(orm, keys, organizationId, batchSize).catch((error: unknown) => {
      refused.push(error);
      return 0;
    });
  }
  if (refused.length)
    throw new AggregateError(refused, `audit retention: ${refused.length} chain(s) not purged`);
  return purged;
}

/** Purges one organization's expired prefix, batch by batch; answers how many events went. */
export async function purgeExpiredEvents(
  orm: MikroORM,
  keys: CheckpointKeys,
  organizationId: string,
  batchSize = 5000,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const deleted = await purgeBatch(orm, keys, organizationId, batchSize);
    purged += deleted;
    if (deleted < batchSize) return purged;
  }
}

/** One batch of one organization, in one transaction scoped to it. */
async function purgeBatch(
  orm: MikroORM,
  keys: CheckpointKeys,
  organizationId: string,
  batchSize: number,
): Promise<number> {
  return runInScope(orm, { tenantIds: [organizationId], userId: null }, async ({ em }) => {
    // Taken first, so two sweepers never compute the same prefix (purge_events takes it again).
    await em.execute(`select pg_advisory_xact_lock(hashtext('audit:' || ?::text))`, [organizationId]);
    // Bounded sequence ranges throughout, so each query stays on the (organization_id, sequence)
    // index: the batch is [first, first + batchSize) where the chain starts after its last
    // checkpoint, cut before its first event still kept.
    const [checkpoint] = await em.execute<{ sequence: string; hash: string }[]>(
      `select sequence, hash from audit.checkpoints where organization_id = ? order by sequence desc limit 1`,
      [organizationId],
    );
    const first = checkpoint ? Number(checkpoint.sequence) + 1 : 1;
    const [kept] = await em.execute<{ sequence: string | null }[]>(
      `select min(sequence) as sequence from audit.events
        where organization_id = ? and sequence >= ? and sequence < ?
          and occurred_at >= now() - make_interval(months => greatest(coalesce(
            (select keep_months from audit.retention where organization_id = ?), ?), ?))`,
      [
        organizationId,
        first,
        first + batchSize,
        organizationId,
        MINIMUM_RETENTION_MONTHS,
        MINIMUM_RETENTION_MONTHS,
      ],
    );
    const last = kept?.sequence ? Number(kept.sequence) - 1 : first + batchSize - 1;
    const [through] = await em.execute<{ sequence: string; hash: string }[]>(
      `select sequence, hash from audit.events where organization_id = ? and sequence = (
         select max(sequence) from audit.events where organization_id = ? and sequence >= ? and sequence <= ?)`,
      [organizationId, organizationId, first, last],
    );
    if (!through) return 0;
    // Signed only if intact: a checkpoint over a changed or missing event would launder it.
    const walk = chainWalk(checkpoint ? { sequence: first - 1, hash: checkpoint.hash } : null);
    for (const event of await eventsBetween(queryIn(em), organizationId, first, Number(through.sequence))) {
      const broken = walk.push({ ...event, recomputedHash: hashAuditEvent(event) });
      if (broken) {
        throw new Error(
          `Audit chain of ${organizationId} breaks at ${broken.at} (${broken.reason}): its prefix is not purged`,
        );
      }
    }
    if (walk.last?.sequence !== Number(through.sequence)) {
      throw new Error(`Audit chain of ${organizationId} has a gap before ${through.sequence}: not purged`);
    }
    const content = {
      organizationId,
      sequence: Number(through.sequence),
      hash: through.hash,
      purgedAt: new Date(),
    };
    const { keyId, signature } = signCheckpoint(keys, content);
    const [result] = await em.execute<{ deleted: string }[]>(
      'select audit.purge_events(?, ?, ?, ?::timestamptz, ?, ?) as deleted',
      // ISO text, not a Date: the stored instant must be exactly the signed one.
      [organizationId, content.sequence, content.hash, content.purgedAt.toISOString(), keyId, signature],
    );
    return Number(result?.deleted ?? 0);
  });
}

/** The audit sweep's queue: a scheduled task of the audit subgraph's pg-boss schema (audit_jobs). */
export const AUDIT_SWEEP_TASK = 'retention-sweep';
