/**
 * The lifecycle export figures: an organization's export through the real stack beside a raw
 * `COPY … TO STDOUT` of the same rows and columns (deletion: lifecycle-deletion.ts).
 */
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SubgraphName } from '../platform/database.ts';
import {
  buildExportPlans,
  exportColumnsOf,
  type TypeExportPlan,
} from '../subgraphs/protocols/subject-data/subject-data.ts';
import type { SubjectDataDeclaration } from '../subgraphs/protocols/subject-data/subject-data.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import { loadTypeDefs } from '../subgraphs/runtime/subgraph-module.ts';
import { auditEntities, auditMigrations } from '../subgraphs/audit/src/module.ts';
import { auditSubjectData } from '../subgraphs/audit/src/subject-data.ts';
import { identityEntities, identityMigrations } from '../subgraphs/identity/src/module.ts';
import { identitySubjectData } from '../subgraphs/identity/src/subject-data.ts';
import { lifecycleEntities, lifecycleMigrations } from '../subgraphs/lifecycle/src/module.ts';
import { lifecycleSubjectData } from '../subgraphs/lifecycle/src/subject-data.ts';
import { tenancyEntities, tenancyMigrations } from '../subgraphs/tenancy/src/module.ts';
import { tenancySubjectData } from '../subgraphs/tenancy/src/subject-data.ts';
import type { Admin, RunningStack } from './lifecycle-stack.ts';
import {
  readManifest,
  sealedNamesIn,
  type ExpectedNames,
  type SealedFieldCount,
} from './lifecycle-archive.ts';
import { graphql } from './lib/graphql.ts';
import { postgresCpuMicros, resetPeakRss, sampleProcess, watchRss } from './lib/proc.ts';

const SUBGRAPH_DATA: Record<
  SubgraphName,
  { entities: unknown[]; migrations: unknown[]; declaration: SubjectDataDeclaration }
> = {
  identity: { entities: identityEntities, migrations: identityMigrations, declaration: identitySubjectData },
  tenancy: { entities: tenancyEntities, migrations: tenancyMigrations, declaration: tenancySubjectData },
  audit: { entities: auditEntities, migrations: auditMigrations, declaration: auditSubjectData },
  lifecycle: {
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    declaration: lifecycleSubjectData,
  },
};

/** Every subgraph's export plans (the SQL its export route runs), from its schema and entities. */
export async function exportPlans(databaseUrl: string): Promise<TypeExportPlan[]> {
  const plans: TypeExportPlan[] = [];
  for (const [name, data] of Object.entries(SUBGRAPH_DATA) as [
    SubgraphName,
    (typeof SUBGRAPH_DATA)[SubgraphName],
  ][]) {
    const orm = await initOrm({
      subgraph: name,
      clientUrl: databaseUrl,
      // The declaration's entities too: a type may be declared before its module registers it.
      entities: [
        ...new Set([...data.entities, ...Object.values(data.declaration.types).map((t) => t.entity)]),
      ] as never,
      migrations: data.migrations as never,
      poolMax: 1,
    });
    try {
      const typeDefs = loadTypeDefs(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
      plans.push(...buildExportPlans(orm, typeDefs, data.declaration));
    } finally {
      await orm.close(true);
    }
  }
  return plans;
}

export interface CopyRun {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  byType: Record<string, number>;
  loadAverage: number[];
}

/**
 * `COPY (select <the export's columns> from <table> where <tenant column> = '<id>') TO STDOUT`
 * for every organization type, one after the other on one connection, read to the end by this
 * process (rows are counted by their newlines; text format escapes the ones inside values).
 */
export async function copyOrganization(
  client: pg.Client,
  plans: TypeExportPlan[],
  organizationId: string,
): Promise<CopyRun> {
  const byType: Record<string, number> = {};
  let bytes = 0;
  let seconds = 0;
  for (const plan of plans.filter((p) => p.tenantColumn)) {
    let rows = 0;
    const columns = exportColumnsOf(plan)
      .map((column) => column.sql)
      .join(', ');
    const started = performance.now();
    await pipeline(
      client.query(
        copyTo(
          `copy (select ${columns} from ${plan.table} where ${plan.tenantColumn} = ${client.escapeLiteral(organizationId)}) to stdout`,
        ),
      ),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
          done();
        },
      }),
    );
    seconds += (performance.now() - started) / 1000;
    byType[plan.type] = rows;
  }
  const rows = Object.values(byType).reduce((sum, n) => sum + n, 0);
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds, byType, loadAverage: loadavg() };
}

export interface ExportRun {
  exportId: string;
  rows: number;
  byType: Record<string, number>;
  /** From the mutation's request to the poll that saw COMPLETED (wall clock of this process). */
  seconds: number;
  /** completedAt − requestedAt of the export, as the lifecycle subgraph recorded them. */
  serverSeconds: number;
  /** Rows over serverSeconds: the export's own duration, without the harness's 200 ms polling. */
  rowsPerSecond: number;
  archiveBytes: number;
  /** Per process: RSS before, and its peak during the export (VmHWM reset before; sampled too). */
  rssMiB: Record<string, { before: number; peak: number; sampledPeak: number }>;
  cpuSeconds: Record<string, number>;
  loadAverage: { before: number[]; after: number[] };
  /** The export's job: from the request to a worker claiming it, and from then to completedAt. */
  job: { waitSeconds: number; runSeconds: number };
  /** The SHRED names in the archive (sealed in the database): all opened, checked after the export. */
  sealedNames: Record<string, SealedFieldCount>;
}

const MiB = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DATA_EXPORT = /* GraphQL */ `
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      id
      status
      progress
      requestedAt
      completedAt
      sizeBytes
    }
  }
`;

interface DataExportView {
  id: string;
  status: string;
  requestedAt: string;
  completedAt: string | null;
  sizeBytes: number | null;
}

/**
 * `requestDataExport` through the gateway as the organization's admin, then `dataExport(id)`
 * polled until COMPLETED, with the subgraphs' processes watched meanwhile.
 */
export async function exportThroughApi(
  stack: RunningStack,
  admin: Admin,
  blobDir: string,
  postgresDataDir: string,
  client: pg.Client,
  names: ExpectedNames,
  timeoutMs = 3_600_000,
): Promise<ExportRun> {
  const pids = stack.pids;
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, sampleProcess(pid)]));
  for (const pid of Object.values(pids)) resetPeakRss(pid);
  const pgCpuBefore = postgresCpuMicros(postgresDataDir);
  const loadBefore = loadavg();
  const watch = watchRss(pids);
  const started = performance.now();
  const { requestDataExport } = await graphql<{ requestDataExport: DataExportView }>(
    stack.url,
    /* GraphQL */ `
      mutation RequestExport($organizationId: ID!) {
        requestDataExport(subject: { organizationId: $organizationId }) {
          id
          status
          requestedAt
          completedAt
          sizeBytes
        }
      }
    `,
    { organizationId: admin.organizationId },
    admin.token,
  );
  let view = requestDataExport;
  const claimed = jobClaimedAt(client, view.id, timeoutMs);
  while (view.status !== 'COMPLETED') {
    if (view.status === 'FAILED') throw new Error(`export ${view.id} FAILED`);
    if (performance.now() - started > timeoutMs) throw new Error(`export ${view.id} still ${view.status}`);
    await sleep(200);
    view = (
      await graphql<{ dataExport: DataExportView }>(stack.url, DATA_EXPORT, { id: view.id }, admin.token)
    ).dataExport;
  }
  const seconds = (performance.now() - started) / 1000;
  const claimedAt = await claimed;
  const sampled = watch.stop();
  const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, sampleProcess(pid)]));
  const cpuSeconds: Record<string, number> = Object.fromEntries(
    Object.keys(pids).map((name) => [name, (after[name]!.cpuMicros - before[name]!.cpuMicros) / 1e6]),
  );
  cpuSeconds.postgres = (postgresCpuMicros(postgresDataDir) - pgCpuBefore) / 1e6;
  const archive = join(blobDir, 'exports', `${view.id}.tar`);
  const manifest = await readManifest(archive);
  const sealedNames = await sealedNamesIn(archive, names);
  await rm(archive, { force: true });
  const byType = Object.fromEntries(manifest.parts.map((part) => [part.type, part.count]));
  for (const [type, count] of Object.entries(sealedNames)) {
    // Every record's name opened to what was written: no ciphertext, nothing erased, no garbage.
    if (count.records !== byType[type] || count.opened !== count.records)
      throw new Error(`export ${view.id}: ${type} names not all opened: ${JSON.stringify(count)}`);
  }
  const rows = manifest.parts.reduce((sum, part) => sum + part.count, 0);
  const serverSeconds = (Date.parse(view.completedAt!) - Date.parse(view.requestedAt)) / 1000;
  return {
    exportId: view.id,
    rows,
    byType,
    seconds,
    serverSeconds,
    job: {
      waitSeconds: (claimedAt - Date.parse(view.requestedAt)) / 1000,
      runSeconds: (Date.parse(view.completedAt!) - claimedAt) / 1000,
    },
    rowsPerSecond: rows / serverSeconds,
    archiveBytes: Number(view.sizeBytes),
    rssMiB: Object.fromEntries(
      Object.keys(pids).map((name) => [
        name,
        {
          before: MiB(before[name]!.rssBytes),
          peak: MiB(after[name]!.peakRssBytes),
          sampledPeak: MiB(sampled[name]!),
        },
      ]),
    ),
    cpuSeconds,
    loadAverage: { before: loadBefore, after: loadavg() },
    sealedNames,
  };
}

/**
 * When a worker claimed the export's job (PostgreSQL's clock, within 10 ms): the queue's job table
 * (lifecycle_jobs.job, pg-boss) is read every 10 ms from the benchmark's own connection until the
 * job is active or done.
 */
async function jobClaimedAt(client: pg.Client, exportId: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await client.query<{ claimed: boolean; now: Date }>(
      `select (state not in ('created', 'retry')) as claimed, clock_timestamp() as now
       from lifecycle_jobs.job where name = 'data-export' and data->>'exportId' = $1`,
      [exportId],
    );
    if (rows[0]?.claimed) return rows[0].now.getTime();
    if (performance.now() - started > timeoutMs) throw new Error(`export ${exportId}: job never claimed`);
    await sleep(10);
  }
}

/** A superuser connection (seeding, COPY, raw DELETE, counts). */
export async function superuser(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}
