import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../../../../platform/metrics.ts';
import { runInScope } from '../../../runtime/orm.ts';
import { startPeriodic } from '../../../runtime/periodic.ts';
import type { EntityManager } from '../../../runtime/orm.ts';
import { takeCaptures } from './database-captures.ts';
import { roleChanges, takeRoleSnapshot, type RoleSnapshot } from './role-snapshot.ts';
import { appendSystemEvents, SYSTEM_CHAIN_LOCK } from './system-chain.repository.ts';

/** The event triggers scripts/lib/database-audit.ts installs. */
const EVENT_TRIGGERS = ['steward_ddl_capture', 'steward_drop_capture'];
const BATCH = 500;

/**
 * One pass: what the event triggers captured, then the role comparison, into the system chain,
 * in one transaction under the chain's lock (replicas take turns; nothing is taken twice).
 * Answers how many events were appended.
 */
export async function recordDatabaseAdministration(orm: MikroORM): Promise<number> {
  return runInScope(orm, { tenantIds: [], userId: null }, async ({ em }) => {
    await em.execute(SYSTEM_CHAIN_LOCK);
    let appended = 0;
    for (;;) {
      const captured = await takeCaptures(em, BATCH);
      if (!captured?.length) break;
      appended += (await appendSystemEvents(em, captured)).length;
      if (captured.length < BATCH) break;
    }
    appended += (await appendSystemEvents(em, await compareRoles(em))).length;
    return appended;
  });
}

async function compareRoles(em: EntityManager) {
  const [last] = await em.execute<{ snapshot: string }[]>('select snapshot::text from audit.role_snapshots');
  const now = await takeRoleSnapshot(em);
  const changes = roleChanges(last ? (JSON.parse(last.snapshot) as RoleSnapshot) : null, now);
  if (changes.length) {
    await em.execute(
      `insert into audit.role_snapshots (singleton, taken_at, snapshot) values (true, now(), ?::jsonb)
        on conflict (singleton) do update set taken_at = excluded.taken_at, snapshot = excluded.snapshot`,
      [JSON.stringify(now)],
    );
  }
  return changes;
}

/** Which of the event triggers are missing or disabled: the DDL they would record goes unrecorded. */
export async function missingEventTriggers(orm: MikroORM): Promise<string[]> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ evtname: string }[]>(
      `select evtname from pg_event_trigger where evtname in (${EVENT_TRIGGERS.map((n) => `'${n}'`).join(', ')})
        and evtenabled <> 'D'`,
    );
  const present = new Set(rows.map((row) => row.evtname));
  return EVENT_TRIGGERS.filter((name) => !present.has(name));
}

/**
 * Records database administration every `intervalMs`. Says at boot (warn) when the event triggers
 * are not there (a database that forbids them): DDL then goes unrecorded, role changes do not.
 * Metrics: failed passes, and how many of the event triggers are missing or disabled.
 */
export function startDatabaseAudit(orm: MikroORM, logger: Logger, intervalMs: number, metrics?: Metrics) {
  const registers = metrics ? [metrics.registry] : [];
  const failures = new Counter({
    name: 'steward_database_audit_failures_total',
    help: 'Failed passes recording database administration into the system audit chain',
    registers,
  });
  const missingTriggers = new Gauge({
    name: 'steward_database_audit_event_triggers_missing',
    help: 'Event triggers recording DDL that are missing or disabled (DDL goes unrecorded while > 0)',
    registers,
  });
  void missingEventTriggers(orm)
    .then((missing) => {
      missingTriggers.set(missing.length);
      if (missing.length) {
        logger.warn(
          { missing },
          'database administration audit: event triggers not installed (they need a superuser at migration); ' +
            'DDL and GRANT/REVOKE are not recorded, role changes still are by snapshot comparison',
        );
      }
    })
    .catch((error: unknown) =>
      logger.error({ err: error }, 'database administration audit: boot check failed'),
    );
  return startPeriodic(
    'database administration audit',
    async () => {
      try {
        const appended = await recordDatabaseAdministration(orm);
        if (appended) logger.info({ appended }, 'database administration recorded in the system audit chain');
        missingTriggers.set((await missingEventTriggers(orm)).length);
      } catch (error) {
        failures.inc();
        throw error;
      }
    },
    logger,
    intervalMs,
  );
}
