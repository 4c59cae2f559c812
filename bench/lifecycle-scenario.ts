import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph } from '../scripts/lib/subgraph-modules.ts';
import { SUBGRAPHS } from '../platform/database.ts';
import { generateStewardKeys } from '../platform/internal-token.ts';
import {
  copyOrganization,
  exportPlans,
  exportThroughApi,
  superuser,
  type CopyRun,
  type ExportRun,
} from './lifecycle.ts';
import type { ExpectedNames } from './lifecycle-archive.ts';
import { keysLeftOf, sealedCopyOfOrganizationName } from './lifecycle-shred.ts';
import { deleteThroughApi, deletionTimeline, type ApiDeletion } from './lifecycle-deletion.ts';
import {
  countRows,
  insertOrganization,
  namesInClear,
  rawDelete,
  sealSeeded,
  SEEDED_TABLES,
  seedOrganization,
  shapeOf,
  total,
  vacuumSeeded,
  type SeedShape,
} from './lifecycle-seed.ts';
import {
  scenarioEnv,
  signInAdminOfNewOrganization,
  startStack,
  SUBGRAPH_NODE_OPTIONS,
} from './lifecycle-stack.ts';
import { hasTaskset } from './lib/child.ts';
import { round, summarize, type Summary } from './lib/load.ts';
import type { BenchSettings } from './settings.ts';

/** The issue's targets. */
export const LIFECYCLE_TARGETS = { exportToCopy: 0.5, peakRssMiB: 256, deletionToRawDelete: 2.5 };

export interface LifecycleResults {
  seeded: {
    rows: number;
    shape: SeedShape;
    seconds: number;
    otherOrganizationRows: number;
    /**
     * The SHRED values the seed wrote in clear, sealed as Steward stores them (npm run
     * seal-backfill's code); null with `--plain-names` (left in clear).
     */
    sealing: { seconds: number; sealed: Record<string, number> } | null;
  };
  /** Rows of the exported organization per table before the export (seeded + made through the API). */
  organizationRows: Record<string, number>;
  pinning: string;
  /** NODE_OPTIONS the subgraphs ran with (SUBGRAPH_NODE_OPTIONS unless `--node-options`). */
  subgraphNodeOptions: string;
  repetitions: number;
  copy: CopyRun[];
  export: ExportRun[];
  summary: {
    copyRowsPerSecond: Summary;
    exportRowsPerSecond: Summary;
    /** Per repetition: export rows/s ÷ COPY rows/s of the same repetition, in percent. */
    exportToCopyPercent: Summary;
    /** Largest peak RSS of any one subgraph process during an export, which, and its RSS before. */
    peakRssMiB: number;
    peakRssProcess: string;
    peakRssProcessBeforeMiB: number;
    exportMeetsTargets: boolean;
  };
  deletion:
    | { status: 'skipped' }
    | {
        status: 'measured';
        /** In a fresh database holding the same rows: see rawDeletesInFreshDatabases. */
        raw: Awaited<ReturnType<typeof rawDelete>> & { loadAverage: number[] };
        /** The same, with the VACUUM step Steward's deletion takes after a table it emptied. */
        rawVacuumed: Awaited<ReturnType<typeof rawDelete>> & { loadAverage: number[] };
        api: ApiDeletion;
        /** API seconds ÷ raw DELETE seconds; null while the API is pending. */
        ratio: number | null;
        ratioToRawVacuumed: number | null;
        remainingAfterApi: Record<string, number> | null;
        /** When each type's deletion finished, and the seconds since the one before. */
        apiTimeline: Awaited<ReturnType<typeof deletionTimeline>> | null;
        /**
         * After the deletion: the organization's data keys left in the key store (0), and a copy
         * of its sealed name taken before (as a backup holds it): opened before, null after.
         */
        shredCheck: {
          keysLeft: number;
          copyOpenedBefore: string | null;
          copyOpenedAfter: string | null;
        } | null;
      };
  /** The other organization's seeded rows before and after everything: unchanged. */
  otherOrganizationUntouched: boolean;
  loadAverage: { start: number[]; end: number[] };
}

/** Widens this process's cores (children inherit them) and answers how to restore them. */
function floatOverAllCores(settings: BenchSettings): { pinning: string; restore: () => void } {
  if (!hasTaskset) return { pinning: 'none (no taskset)', restore: () => undefined };
  const all = `0-${cpus().length - 1}`;
  spawnSync('taskset', ['-a', '-cp', all, String(process.pid)]);
  return {
    pinning: `none: PostgreSQL, the subgraphs, the gateway and the harness float over cpus ${all}`,
    restore: () => spawnSync('taskset', ['-a', '-cp', settings.loadCpus, String(process.pid)]),
  };
}

/**
 * The lifecycle scenario: an embedded PostgreSQL, Steward as deployed (a process per subgraph and
 * the gateway), an organization of `settings.lifecycleRows` seeded rows and another of 1% of them;
 * then, per repetition, a raw COPY of the organization's rows and its export through the API;
 * then (unless export only) a raw DELETE of a fresh copy of the same rows and the API's deletion.
 */
export async function runLifecycle(
  settings: BenchSettings,
  log: (line: string) => void,
  options: { profileDir?: string; nodeOptions?: string } = {},
): Promise<LifecycleResults> {
  const loadStart = loadavg();
  const { pinning, restore } = floatOverAllCores(settings);
  const work = mkdtempSync(join(tmpdir(), 'steward-bench-lifecycle-'));
  // Made by embedded-postgres itself (as its own system user when this runs as root).
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-lifecycle-pg-'));
  rmSync(dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir, database: 'steward_bench', persistent: false });
  const dbSecret = 'steward-bench-secret-0123456789';
  // Wraps the subjects' data keys, in the subgraphs and in the seed's sealing alike.
  const keyEncryptionKey = randomBytes(32).toString('base64');
  const client = await superuser(database.url);
  try {
    await migrateAll({ databaseUrl: database.url, dbSecret }, readSupergraph());
    const blobDir = join(work, 'blobs');
    const stack = await startStack({
      databaseUrl: database.url,
      dbSecret,
      keys: generateStewardKeys(SUBGRAPHS),
      cpus: `0-${cpus().length - 1}`,
      env: scenarioEnv(blobDir, join(work, 'mail'), keyEncryptionKey),
      profileDir: options.profileDir,
      nodeOptions: options.nodeOptions,
    });
    try {
      const admin = await signInAdminOfNewOrganization(stack.url, 'Bench lifecycle');
      const other = await signInAdminOfNewOrganization(stack.url, 'Bench lifecycle, other tenant');
      const shape = shapeOf(settings.lifecycleRows);
      const otherShape = shapeOf(Math.max(1000, Math.round(settings.lifecycleRows / 100)));
      const seedSeconds = await seedOrganization(client, admin.organizationId, shape);
      await seedOrganization(client, other.organizationId, otherShape);
      const sealing = settings.lifecycleSealNames
        ? await sealSeeded(database.url, dbSecret, keyEncryptionKey)
        : null;
      const inClear = await namesInClear(client, admin.organizationId);
      if (sealing && inClear)
        throw new Error(`lifecycle: ${inClear} names of the organization left in clear after sealing`);
      await vacuumSeeded(client);
      log(
        `lifecycle: seeded ${total(shape)} rows in ${seedSeconds.toFixed(1)} s (+${total(otherShape)} in another organization); ${sealing ? `sealed ${JSON.stringify(sealing.sealed)} in ${sealing.seconds.toFixed(1)} s` : `${inClear} names left in clear (--plain-names)`}`,
      );
      const organizationRows = await countRows(client, admin.organizationId);
      const otherBefore = await countRows(client, other.organizationId);

      const plans = await exportPlans(database.url);
      await copyOrganization(client, plans, admin.organizationId); // warms the cache for both
      // The export's warm-up, as the COPY above is the cache's: one export of the same rows,
      // unmeasured, so that the measured ones run in processes that have exported before
      // (compiled code, heaps grown to their working size), as a long-running deployment's do.
      await exportThroughApi(stack, admin, blobDir, dataDir, client, NAMES);
      const copies: CopyRun[] = [];
      const exports: ExportRun[] = [];
      for (let rep = 1; rep <= settings.repetitions; rep++) {
        const copy = await copyOrganization(client, plans, admin.organizationId);
        copies.push(copy);
        log(
          `lifecycle rep ${rep}: COPY ${copy.rows} rows in ${copy.seconds.toFixed(2)} s = ${Math.round(copy.rowsPerSecond)} rows/s (load ${fmtLoad(copy.loadAverage)})`,
        );
        const exported = await exportThroughApi(stack, admin, blobDir, dataDir, client, NAMES);
        exports.push(exported);
        log(
          `lifecycle rep ${rep}: export ${exported.rows} rows (names opened: ${Object.entries(
            exported.sealedNames,
          )
            .map(([type, n]) => `${type} ${n.opened}`)
            .join(
              ', ',
            )}) in ${exported.serverSeconds.toFixed(2)} s requested → completed (${exported.seconds.toFixed(2)} s to the poll that saw it) = ${Math.round(exported.rowsPerSecond)} rows/s (job waited ${exported.job.waitSeconds.toFixed(2)} s, ran ${exported.job.runSeconds.toFixed(2)} s), peak RSS ${JSON.stringify(Object.fromEntries(Object.entries(exported.rssMiB).map(([n, r]) => [n, r.peak])))} MiB, CPU s ${JSON.stringify(exported.cpuSeconds)} (load ${fmtLoad(exported.loadAverage.after)})`,
        );
      }

      let deletion: LifecycleResults['deletion'] = { status: 'skipped' };
      if (settings.lifecycleDeletion) {
        const { plain: raw, vacuumed: rawVacuumed } = await rawDeletesInFreshDatabases(
          database.url,
          dbSecret,
          shape,
          otherShape,
          settings.lifecycleSealNames ? keyEncryptionKey : null,
        );
        log(
          `lifecycle: raw DELETE of ${raw.tables.reduce((s, t) => s + t.rows, 0)} rows in ${raw.seconds.toFixed(2)} s (load ${fmtLoad(raw.loadAverage)}); with VACUUM after a table's ${VACUUM_AFTER_ROWS} rows or more, ${rawVacuumed.seconds.toFixed(2)} s (${rawVacuumed.tables.map((t) => `${t.table} ${t.seconds.toFixed(2)}`).join(', ')})`,
        );
        await vacuumSeeded(client);
        const copy = await sealedCopyOfOrganizationName(
          client,
          { databaseUrl: database.url, dbSecret, keyEncryptionKey },
          admin.organizationId,
        );
        const api = await deleteThroughApi(stack, admin, dataDir);
        log(
          api.status === 'pending'
            ? `lifecycle: API deletion pending (${api.reason})`
            : `lifecycle: API deletion in ${(api.serverSeconds ?? api.seconds).toFixed(2)} s requested → completed (${api.seconds.toFixed(2)} s to the poll that saw it), keys destroyed ${api.shred ? `${api.shred.requestedToKeysDestroyedSeconds.toFixed(3)} s after the request (${api.shred.startedToKeysDestroyedSeconds.toFixed(3)} s after the job started)` : 'none'}, CPU s ${JSON.stringify(api.cpuSeconds)} (load ${fmtLoad(api.loadAverage.after)})`,
        );
        const shredCheck =
          api.status === 'ok'
            ? {
                keysLeft: await keysLeftOf(client, admin.organizationId),
                copyOpenedBefore: copy.openedBefore,
                copyOpenedAfter: await copy.open(),
              }
            : null;
        if (shredCheck && (!copy.sealed || shredCheck.keysLeft !== 0 || shredCheck.copyOpenedAfter !== null))
          throw new Error(
            `lifecycle: the organization's sealed content outlived its deletion: ${JSON.stringify(shredCheck)}`,
          );
        deletion = {
          status: 'measured',
          raw,
          rawVacuumed,
          api,
          // The deletion's own duration (requested → completed, as lifecycle recorded them).
          ratio: api.status === 'ok' ? round((api.serverSeconds ?? api.seconds) / raw.seconds, 2) : null,
          ratioToRawVacuumed:
            api.status === 'ok' ? round((api.serverSeconds ?? api.seconds) / rawVacuumed.seconds, 2) : null,
          remainingAfterApi: api.status === 'ok' ? await countRows(client, admin.organizationId) : null,
          apiTimeline:
            api.status === 'ok'
              ? await deletionTimeline(client, api.deletionRequestId, startedAtOf(api.certificate))
              : null,
          shredCheck,
        };
      }
      const otherAfter = await countRows(client, other.organizationId);
      const ratios = exports.map((e, i) => e.rowsPerSecond / copies[i]!.rowsPerSecond);
      const peaks = exports.flatMap((e) =>
        Object.entries(e.rssMiB)
          .filter(([name]) => name !== 'gateway')
          .map(([name, rss]) => ({ name, peak: Math.max(rss.peak, rss.sampledPeak), before: rss.before })),
      );
      const worst = peaks.reduce((a, b) => (b.peak > a.peak ? b : a));
      return {
        seeded: {
          rows: total(shape),
          shape,
          seconds: round(seedSeconds, 1),
          otherOrganizationRows: total(otherShape),
          sealing: sealing && { seconds: round(sealing.seconds, 1), sealed: sealing.sealed },
        },
        organizationRows,
        pinning,
        subgraphNodeOptions: options.nodeOptions ?? SUBGRAPH_NODE_OPTIONS,
        repetitions: settings.repetitions,
        copy: copies,
        export: exports,
        summary: {
          copyRowsPerSecond: summarize(copies.map((c) => c.rowsPerSecond)),
          exportRowsPerSecond: summarize(exports.map((e) => e.rowsPerSecond)),
          exportToCopyPercent: summarize(ratios.map((r) => r * 100)),
          peakRssMiB: worst.peak,
          peakRssProcess: worst.name,
          peakRssProcessBeforeMiB: worst.before,
          exportMeetsTargets:
            ratios.every((r) => r >= LIFECYCLE_TARGETS.exportToCopy) &&
            worst.peak < LIFECYCLE_TARGETS.peakRssMiB,
        },
        deletion,
        otherOrganizationUntouched: SEEDED_TABLES.every(
          ({ table }) => otherBefore[table] === otherAfter[table],
        ),
        loadAverage: { start: loadStart, end: loadavg() },
      };
    } finally {
      await stack.stop();
    }
  } finally {
    await client.end();
    await database.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    restore();
  }
}

/** What the archive's SHRED names read as once opened: the API's organization, the seed's projects. */
const NAMES: ExpectedNames = { Organization: /^Bench lifecycle$/, Project: /^Project \d+$/ };

/** Rows a table must lose for Steward's deletion to vacuum it (DestroyOptions.vacuumAfterRows). */
const VACUUM_AFTER_ROWS = 100_000;

/**
 * The raw baselines: the same rows (an organization of the same shape beside another of the other
 * tenant's) in a fresh database of the same server, so that its tables hold what the API's
 * deletion finds in the benchmark's database; then one plain DELETE per table. A copy of that
 * database (`create database … template`) is deleted again with the VACUUM step Steward's
 * deletion takes, so that its ratio can be read against both. Each database is dropped once
 * measured: its million dead rows would otherwise be autovacuumed while the next deletion runs.
 */
async function rawDeletesInFreshDatabases(
  databaseUrl: string,
  dbSecret: string,
  shape: SeedShape,
  otherShape: SeedShape,
  keyEncryptionKey: string | null,
) {
  const maintenance = new URL('/postgres', databaseUrl).toString();
  const urlOf = (name: string) => Object.assign(new URL(databaseUrl), { pathname: `/${name}` }).toString();
  const [plainDb, vacuumDb] = ['steward_bench_raw_delete', 'steward_bench_raw_delete_vacuum'];
  await ensureDatabase(maintenance, plainDb);
  await migrateAll({ databaseUrl: urlOf(plainDb), dbSecret }, readSupergraph());
  const [organizationId, otherId] = [randomUUID(), randomUUID()];
  const seeding = await superuser(urlOf(plainDb));
  try {
    await insertOrganization(seeding, organizationId, 'Bench lifecycle, raw delete');
    await seedOrganization(seeding, organizationId, shape);
    await insertOrganization(seeding, otherId, 'Bench lifecycle, raw delete, other tenant');
    await seedOrganization(seeding, otherId, otherShape);
    // The same bytes as the API deletes: names sealed as in the benchmark's database.
    if (keyEncryptionKey) await sealSeeded(urlOf(plainDb), dbSecret, keyEncryptionKey);
    await vacuumSeeded(seeding);
  } finally {
    await seeding.end();
  }
  const admin = await superuser(maintenance);
  try {
    await admin.query(`create database ${vacuumDb} template ${plainDb} strategy file_copy`);
    const deleteIn = async (database: string, vacuumAfterRows?: number) => {
      const client = await superuser(urlOf(database));
      try {
        return { ...(await rawDelete(client, organizationId, vacuumAfterRows)), loadAverage: loadavg() };
      } finally {
        await client.end();
        await admin.query(`drop database ${database} with (force)`);
      }
    };
    const plain = await deleteIn(plainDb);
    const vacuumed = await deleteIn(vacuumDb, VACUUM_AFTER_ROWS);
    return { plain, vacuumed };
  } finally {
    await admin.query(`drop database if exists ${plainDb} with (force)`);
    await admin.query(`drop database if exists ${vacuumDb} with (force)`);
    await admin.end();
  }
}

/** The certificate's `request.startedAt`, when it has one. */
const startedAtOf = (certificate: unknown): string | null => {
  const request = (certificate as { request?: { startedAt?: unknown } } | null)?.request;
  return typeof request?.startedAt === 'string' ? request.startedAt : null;
};

const fmtLoad = (load: number[]) => load.map((l) => l.toFixed(2)).join(' ');
