import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { JobPayload, JobQueue } from './job-queue.ts';

/**
 * Moves the jobs still pending in lifecycle.jobs (the hand-made queue pg-boss replaced) onto the
 * queue, in one transaction: an upgrade loses no export or deletion. Nothing to do on a new
 * deployment; a later migration drops the table.
 */
export async function moveLegacyJobs(orm: MikroORM, jobs: JobQueue, logger: Logger): Promise<number> {
  const em = orm.em.fork({ clear: true, useContext: false });
  const moved = await em.transactional(async (tx) => {
    const rows = await tx.execute<{ kind: string; payload: JobPayload; run_after: Date }[]>(
      `delete from lifecycle.jobs where status = 'PENDING' and kind = any(?::text[])
       returning kind, payload, run_after`,
      [`{${jobs.kinds.join(',')}}`],
    );
    for (const row of rows) await jobs.enqueue(tx, row.kind, row.payload, new Date(row.run_after));
    return rows.length;
  });
  if (moved) logger.info({ moved }, 'pending jobs moved from lifecycle.jobs onto the job queue');
  return moved;
}
