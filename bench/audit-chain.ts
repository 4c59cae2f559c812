/**
 * Audit chain verification at scale (issue 22): one organization with 1,000,000 events (or
 * `--events n`), verified whole as the full verification job does, then from its last verified
 * checkpoint as `auditChain` does, after the tail the checkpointer leaves at most behind
 * (`--tail n`, its threshold: 1,000 by default) and after ten times that.
 *
 *   node bench/audit-chain.ts [--events 1000000] [--tail 1000] [--out bench/results/audit-chain.json]
 *
 * Seeding: the events are what ingestion would store (USER access events with address, agent,
 * target and details), each hashed by the chain's own hashAuditEvent over the one before, streamed
 * to PostgreSQL with COPY as the superuser in one transaction; the insert trigger moves the head.
 * Verification then runs as the audit runtime role, with RLS, in a transaction scoped to the
 * organization, exactly the code the resolver and the job run (no HTTP in between).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createLogger } from '../platform/logger.ts';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph } from '../scripts/lib/subgraph-modules.ts';
import { initOrm, runInScope } from '../subgraphs/runtime/orm.ts';
import { auditEntities, auditMigrations } from '../subgraphs/audit/src/module.ts';
import { hashAuditEvent, type ChainedAuditEvent } from '../subgraphs/audit/src/event/audit-hash.ts';
import { appendToChain } from '../subgraphs/audit/src/event/audit-event.repository.ts';
import { checkpointKeysOf } from '../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { verifyAuditChain } from '../subgraphs/audit/src/chain/chain-verification.ts';
import { checkpointChain } from '../subgraphs/audit/src/chain/chain-checkpointer.ts';
import { createChainMetrics } from '../subgraphs/audit/src/chain/chain-metrics.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';

const argument = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const EVENTS = Number(argument('--events', '1000000'));
const TAIL = Number(argument('--tail', '1000'));
const OUT = argument('--out', join('bench', 'results', 'audit-chain.json'));

const COLUMNS = `id, organization_id, sequence, occurred_at, action, outcome, actor_type, actor_id, actor_ip,
  actor_user_agent, actor_device_type, target_type, target_id, metadata, previous_hash, hash`;

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
const field = (value: string | null) =>
  value === null
    ? '\\N'
    : value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** The organization's chain as COPY lines, each event hashed over the one before. */
function* chainLines(organizationId: string, count: number, start: Date): Generator<string> {
  let previousHash: string | null = null;
  const users = Array.from({ length: 50 }, () => randomUUID());
  const projects = Array.from({ length: 200 }, () => randomUUID());
  const lines: string[] = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const event: ChainedAuditEvent = {
      id: randomUUID(),
      organizationId,
      sequence,
      // One event every 5 s from `start`: about two months for a million, inside retention.
      occurredAt: new Date(start.getTime() + sequence * 5000),
      action: sequence % 10 === 0 ? 'tenancy.project.update' : 'gateway.access.query',
      outcome: 'SUCCESS',
      actorType: 'USER',
      actorId: users[sequence % users.length]!,
      actorIp: `203.0.113.${sequence % 250}`,
      actorUserAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
      actorDeviceType: 'DESKTOP',
      targetType: 'Project',
      targetId: projects[sequence % projects.length]!,
      metadata: { operation: 'Dashboard', fields: ['me', 'organizations', 'projects'], n: sequence },
      previousHash,
    };
    const hash = hashAuditEvent(event);
    lines.push(
      [
        event.id,
        organizationId,
        String(sequence),
        event.occurredAt.toISOString(),
        event.action,
        event.outcome,
        event.actorType,
        event.actorId,
        event.actorIp,
        event.actorUserAgent,
        event.actorDeviceType,
        event.targetType,
        event.targetId,
        JSON.stringify(event.metadata),
        previousHash,
        hash,
      ]
        .map(field)
        .join('\t') + '\n',
    );
    previousHash = hash;
    if (lines.length === 5000) yield lines.splice(0).join('');
  }
  if (lines.length) yield lines.join('');
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const dataDir = join(tmpdir(), `steward-bench-audit-chain-${process.pid}`);
rmSync(dataDir, { recursive: true, force: true });
const database = await startEmbeddedPostgres({ dataDir, database: 'steward_bench_chain', persistent: false });
const secret = 'steward-bench-secret-0123456789';
const log = (line: string) => console.log(`[audit-chain] ${line}`);
try {
  await migrateAll({ databaseUrl: database.url, dbSecret: secret }, readSupergraph());
  const organizationId = randomUUID();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const seeded = await timed(async () => {
    await admin.query('begin');
    await pipeline(
      Readable.from(chainLines(organizationId, EVENTS, new Date(Date.now() - (EVENTS + 10) * 5000))),
      admin.query(copyFrom(`copy audit.events (${COLUMNS}) from stdin`)),
    );
    await admin.query('commit');
    await admin.query('vacuum analyze audit.events');
  });
  const { rows: size } = await admin.query<{ size: string }>(
    `select pg_size_pretty(pg_total_relation_size('audit.events')) as size`,
  );
  await admin.end();
  log(`seeded ${EVENTS} events in ${(seeded.ms / 1000).toFixed(1)} s (audit.events: ${size[0]!.size})`);

  const orm = await initOrm({
    subgraph: 'audit',
    clientUrl: urlForRole(database.url, rolesOf('audit').runtime, secret),
    entities: auditEntities,
    migrations: auditMigrations,
    poolMax: 2,
  });
  const keys = checkpointKeysOf(generateKeyPairSync('ed25519').privateKey);
  // Appended events seal their content, as the audit subgraph does.
  const sealing = standaloneSealer(urlForRole(database.url, rolesOf('audit').runtime, secret));
  const deps = { orm, keys, logger: createLogger('bench'), metrics: createChainMetrics(undefined) };
  const scope = { tenantIds: [organizationId], userId: null };
  const auditChain = () => runInScope(orm, scope, ({ em }) => verifyAuditChain(em, organizationId, keys));
  const append = async (count: number) => {
    for (let done = 0; done < count; done += 500) {
      const batch = Math.min(500, count - done);
      await runInScope(orm, scope, ({ em }) =>
        appendToChain(
          em,
          sealing.sealer,
          organizationId,
          Array.from({ length: batch }, (_, i) => ({
            organizationId,
            action: 'gateway.access.query',
            outcome: 'SUCCESS' as const,
            actor: { type: 'USER' as const, id: randomUUID(), ip: '203.0.113.7', deviceType: 'DESKTOP' },
            target: { type: 'Project', id: randomUUID() },
            metadata: { operation: 'Dashboard', n: done + i },
          })),
        ),
      );
    }
  };
  try {
    // The full verification job: every event re-hashed, then a checkpoint signed at the head.
    const full = await timed(() => checkpointChain(deps, organizationId, 'FULL'));
    if (!full.value.valid) throw new Error(`the seeded chain does not verify: ${JSON.stringify(full.value)}`);
    const fullRate = full.value.events / (full.ms / 1000);
    log(
      `full verification: ${full.value.events} events in ${(full.ms / 1000).toFixed(1)} s = ${Math.round(fullRate)} events/s`,
    );

    const incremental = async (label: string) => {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await timed(auditChain));
      const result = runs[0]!.value;
      if (!result.valid || !result.verifiedCheckpoint) throw new Error(`${label}: ${JSON.stringify(result)}`);
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      log(
        `auditChain ${label}: ${result.events} events re-hashed, median ${ms[2]!.toFixed(1)} ms, max ${ms[4]!.toFixed(1)} ms`,
      );
      return { eventsRehashed: result.events, medianMs: ms[2]!, maxMs: ms[4]!, runs: ms };
    };
    const atCheckpoint = await incremental('at the checkpoint');
    await append(TAIL);
    const afterTail = await incremental(`${TAIL} events after the checkpoint`);
    await append(9 * TAIL);
    const afterTenTails = await incremental(`${10 * TAIL} events after the checkpoint`);

    const results = {
      command: `node bench/audit-chain.ts --events ${EVENTS} --tail ${TAIL}`,
      measuredAt: new Date().toISOString(),
      events: EVENTS,
      seedSeconds: seeded.ms / 1000,
      tableSize: size[0]!.size,
      fullVerification: { events: full.value.events, seconds: full.ms / 1000, eventsPerSecond: fullRate },
      auditChain: { atCheckpoint, afterTail, afterTenTails },
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    log(`results: ${OUT}`);
  } finally {
    await orm.close(true);
    await sealing.close();
  }
} finally {
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
