import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { connectionUrlFor, rolesOf } from '../../platform/database.ts';
import { initOrm, runInScope } from '../../subgraphs/runtime/orm.ts';
import type { BlobStore } from '../../subgraphs/lifecycle/src/export/blob-store.ts';
import { BackupError } from '../../subgraphs/lifecycle/src/backup/backup-error.ts';
import { newestManifest } from '../../subgraphs/lifecycle/src/backup/backup-store.ts';
import { tableName } from '../../subgraphs/lifecycle/src/backup/backup-dump.ts';
import { verifyAuditChain } from '../../subgraphs/audit/src/chain/chain-verification.ts';
import type { CheckpointKeys } from '../../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { verifySystemChain } from '../../subgraphs/audit/src/system/system-chain-verification.ts';
import { createAuditModule } from '../../subgraphs/audit/src/module.ts';
import { dropDatabase, restoreInto, type RestoreOutcome } from './restore.ts';

export interface DrillOptions {
  /** A superuser URL of the live database: the scratch database goes beside it, the drill is recorded in it. */
  databaseUrl: string;
  dbSecret: string;
  blobStore: BlobStore;
  key: Buffer;
  supergraphSdl: string;
  certificateKey?: KeyObject;
  /** Verify the audit chains' signed checkpoints (STEWARD_AUDIT_SIGNING_KEY and retired keys). */
  auditKeys: CheckpointKeys;
  logger: Logger;
  /** Keep the scratch database for inspection. @default false */
  keep?: boolean;
}

export interface DrillRecord {
  id: string;
  backupId: string;
  database: string;
  startedAt: Date;
  completedAt: Date;
  rtoMs: number;
  rpoMs: number;
  tables: number;
  rows: number;
  ledgerReapplied: number;
  auditChains: number;
  /** Where the data keys came from (the live database's key store, as it answers). */
  keyStore: RestoreOutcome['restore']['keyStore'];
  passed: boolean;
  problems: string[];
}

/**
 * `npm run restore-drill`: the newest backup restored into a scratch database, as an operator would
 * restore it (npm run restore's own path), then checked: every table's rows as the dump counted
 * them, the erasure ledger re-applied, every organization's audit chain and the system chain
 * valid. Recorded in lifecycle.restore_drills with the measured RTO and the backup's age (RPO).
 */
export async function runRestoreDrill(options: DrillOptions): Promise<DrillRecord> {
  const manifest = await newestManifest(options.blobStore);
  if (!manifest) throw new BackupError('BACKUP_NOT_FOUND', 'No complete backup in the blob store');
  const startedAt = new Date();
  const database = `steward_drill_${randomBytes(4).toString('hex')}`;
  const problems: string[] = [];
  const outcome = await restoreInto({
    ...options,
    serverUrl: options.databaseUrl,
    database,
    manifest,
    liveUrl: options.databaseUrl,
    afterLoad: async (targetUrl, restore) => {
      const client = new pg.Client({ connectionString: targetUrl });
      await client.connect();
      try {
        for (const [name, expected] of Object.entries(manifest.rowsByTable)) {
          // The target's own migrations; a dump's data keys (before #18), never loaded.
          if (name.endsWith('.mikro_orm_migrations') || name in restore.skippedRowsByTable) continue;
          const [schema, table] = name.split('.') as [string, string];
          const { rows } = await client.query<{ n: string }>(
            `select count(*)::text as n from ${tableName({ schema, table })}`,
          );
          const actual = Number(rows[0]!.n);
          if (actual !== expected) problems.push(`${name}: ${actual} rows restored, ${expected} backed up`);
        }
        const skipped = Object.values(restore.skippedRowsByTable).reduce((sum, n) => sum + n, 0);
        if (restore.rows + skipped !== manifest.rows)
          problems.push(`${restore.rows} rows loaded and ${skipped} skipped, ${manifest.rows} backed up`);
      } finally {
        await client.end();
      }
    },
  });
  let auditChains = 0;
  try {
    auditChains = await verifyChains(outcome.targetUrl, options, problems);
  } finally {
    if (!options.keep) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await dropDatabase(admin, database).finally(() => admin.end());
    }
  }
  const completedAt = new Date();
  const record: DrillRecord = {
    id: randomUUID(),
    backupId: manifest.id,
    database,
    startedAt,
    completedAt,
    rtoMs: completedAt.getTime() - startedAt.getTime(),
    rpoMs: startedAt.getTime() - new Date(manifest.snapshotAt).getTime(),
    tables: outcome.restore.tables,
    rows: outcome.restore.rows,
    ledgerReapplied: outcome.ledger.applied.length,
    auditChains,
    keyStore: outcome.restore.keyStore,
    passed: problems.length === 0,
    problems,
  };
  await recordDrill(options.databaseUrl, record);
  const log = record.passed
    ? options.logger.info.bind(options.logger)
    : options.logger.error.bind(options.logger);
  log({ ...record, database: undefined }, record.passed ? 'restore drill passed' : 'restore drill failed');
  return record;
}

/** Every organization's chain (as the audit subgraph verifies it, in its scope) and the system chain. */
async function verifyChains(targetUrl: string, options: DrillOptions, problems: string[]): Promise<number> {
  const audit = createAuditModule();
  const orm = await initOrm({
    subgraph: 'audit',
    clientUrl: connectionUrlFor(targetUrl, rolesOf('audit').runtime, options.dbSecret),
    entities: audit.entities,
    migrations: audit.migrations,
    poolMax: 2,
  });
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `select distinct organization_id::text as id from audit.events order by 1`,
    );
    for (const { id } of rows) {
      const verified = await runInScope(orm, { tenantIds: [id], userId: null }, ({ em }) =>
        verifyAuditChain(em, id, options.auditKeys),
      );
      if (!verified.valid)
        problems.push(`audit chain of ${id}: broken at ${verified.brokenAt} (${verified.breakReason})`);
    }
    const system = await runInScope(orm, { tenantIds: [], userId: null }, ({ em }) => verifySystemChain(em));
    if (!system.valid) problems.push(`system audit chain: broken at ${system.brokenAt}`);
    return rows.length + 1;
  } finally {
    await client.end();
    await orm.close(true);
  }
}

async function recordDrill(databaseUrl: string, record: DrillRecord): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into lifecycle.restore_drills (id, backup_id, started_at, completed_at, rto_ms, rpo_ms,
         tables, rows, ledger_reapplied, audit_chains, passed, problems)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        record.id,
        record.backupId,
        record.startedAt,
        record.completedAt,
        record.rtoMs,
        record.rpoMs,
        record.tables,
        record.rows,
        record.ledgerReapplied,
        record.auditChains,
        record.passed,
        record.problems,
      ],
    );
  } finally {
    await client.end();
  }
}
