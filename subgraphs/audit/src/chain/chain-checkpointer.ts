import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { runInScope } from '../../../runtime/orm.ts';
import type { CheckpointKeys } from './checkpoint-signature.ts';
import {
  verifyAuditChain,
  type AuditChainVerification,
  type VerificationMode,
} from './chain-verification.ts';
import { writeVerifiedCheckpoint } from './verified-checkpoint.ts';
import type { ChainMetrics } from './chain-metrics.ts';

export interface CheckpointDeps {
  orm: MikroORM;
  keys: CheckpointKeys;
  logger: Logger;
  metrics: ChainMetrics;
  now?: () => Date;
}

/**
 * Verifies one organization's chain (from its last verified checkpoint, or all of it) and, when it
 * holds and has grown, signs a checkpoint at the head it verified: the next `auditChain` re-hashes
 * only what came after. A broken chain gets no checkpoint (one would launder the break), and says
 * so: metric and error log. One transaction in the organization's scope, under its lock, so two
 * replicas never walk the same chain at once.
 */
export async function checkpointChain(
  deps: CheckpointDeps,
  organizationId: string,
  mode: VerificationMode,
): Promise<AuditChainVerification> {
  const now = deps.now ?? (() => new Date());
  return runInScope(deps.orm, { tenantIds: [organizationId], userId: null }, async ({ em }) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('audit-checkpoint:' || ?::text))`, [
      organizationId,
    ]);
    const result = await verifyAuditChain(em, organizationId, deps.keys, mode);
    if (!result.valid) {
      deps.metrics.broken.inc({ by: mode === 'FULL' ? 'full' : 'checkpointer' });
      deps.logger.error(
        { organizationId, brokenAt: result.brokenAt, breakReason: result.breakReason, mode },
        'audit chain broken: no checkpoint signed',
      );
      return result;
    }
    const from = result.verifiedCheckpoint?.sequence ?? 0;
    if (result.headSequence !== null && result.headHash !== null && result.headSequence > from) {
      await writeVerifiedCheckpoint(em, deps.keys, {
        organizationId,
        sequence: result.headSequence,
        hash: result.headHash,
        verifiedAt: now(),
      });
      deps.metrics.checkpoints.inc();
    }
    return result;
  });
}

export interface CheckpointSweepOptions {
  /** A chain is checkpointed again once it has grown by this many events. @default 1000 */
  minEvents?: number;
  /** Organizations per run; the next run takes the rest. @default 100 */
  organizationsPerRun?: number;
}

/**
 * The scheduled checkpointer: every chain grown by `minEvents` since its last checkpoint (verified
 * or purged) is verified from there and checkpointed. A broken chain does not hold up the others.
 * Answers how many chains were checkpointed.
 */
export async function checkpointDueChains(
  deps: CheckpointDeps,
  options: CheckpointSweepOptions = {},
): Promise<number> {
  const em = deps.orm.em.fork({ clear: true, useContext: false });
  const due = await em.execute<{ organization_id: string }[]>(
    'select organization_id from audit.organizations_due_for_checkpoint(?, ?)',
    [options.minEvents ?? 1000, options.organizationsPerRun ?? 100],
  );
  let done = 0;
  for (const { organization_id: organizationId } of due) {
    const result = await checkpointChain(deps, organizationId, 'INCREMENTAL').catch((err: unknown) => {
      deps.logger.error({ err, organizationId }, 'audit chain checkpoint failed');
      return null;
    });
    if (result?.valid) done += 1;
  }
  return done;
}
