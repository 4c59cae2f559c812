import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { checkpointKeysOf } from '../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { privateKeyFromPem } from '../platform/internal-token.ts';
import { purgeExpiredEvents, sweepAuditRetention } from '../subgraphs/audit/src/retention/retention-sweep.ts';
import { runInScope } from '../subgraphs/runtime/orm.ts';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  AUDIT_CHAIN,
  INGEST,
  adminPrincipal,
  callSubgraph,
  type ChainResult,
  auditRuntimeOrm,
} from './support/audit-helpers.ts';

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
// The key the running audit subgraph signs and verifies with (none configured: this process's).
// The stack signs checkpoints with the deployment's audit key: sweep with the same one.
const keys = checkpointKeysOf(privateKeyFromPem(testEnvironment().auditSigning.privateKeyPem));

beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  orm = await auditRuntimeOrm();
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await stack?.close();
});

const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

/** Appends events to an organization of its own (no member could add events to it meanwhile). */
async function appendAt(organizationId: string, times: Date[]) {
  const events = times.map((at, n) => ({
    id: randomUUID(),
    occurredAt: at.toISOString(),
    organizationId,
    action: 'test.retention.event',
    outcome: 'SUCCESS',
    actor: { type: 'SYSTEM', id: 'test' },
    metadata: { n },
  }));
  const result = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
    events,
  });
  expect(result.errors).toBeUndefined();
}

async function chainOf(organizationId: string) {
  const result = await callSubgraph<ChainResult>(
    stack,
    'audit',
    adminPrincipal(randomUUID(), organizationId),
    AUDIT_CHAIN,
    { organizationId },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.auditChain;
}

const sequencesOf = async (organizationId: string) =>
  (
    await db.query<{ sequence: number }>(
      'select sequence::int as sequence from audit.events where organization_id = $1 order by sequence',
      [organizationId],
    )
  ).rows.map((r) => r.sequence);

describe('the retention sweep', () => {
  it('purges the expired prefix under signed checkpoints, and the chain still verifies', async () => {
    const organizationId = randomUUID();
    // 1-10: 14 months old; 11-15: 13 months; 16-18: recent; 19: old but after recent ones.
    await appendAt(organizationId, [
      ...Array.from({ length: 10 }, () => monthsAgo(14)),
      ...Array.from({ length: 5 }, () => monthsAgo(13)),
      ...Array.from({ length: 3 }, () => new Date()),
      monthsAgo(20),
    ]);
    expect(await purgeExpiredEvents(orm, keys, organizationId, 4)).toBe(15);

    expect(await sequencesOf(organizationId)).toEqual([16, 17, 18, 19]);
    const { rows: checkpoints } = await db.query(
      'select sequence::int as sequence from audit.checkpoints where organization_id = $1 order by sequence',
      [organizationId],
    );
    expect(checkpoints.map((c) => c.sequence)).toEqual([4, 8, 12, 15]);
    expect(await chainOf(organizationId)).toMatchObject({
      valid: true,
      brokenAt: null,
      events: 4,
      headSequence: 19,
      checkpoint: { sequence: 15, signatureValid: true },
    });
    // Nothing left to purge: a second sweep changes nothing (idempotent).
    expect(await purgeExpiredEvents(orm, keys, organizationId, 4)).toBe(0);
  });

  it('continues the chain from the checkpoint when everything was purged', async () => {
    const organizationId = randomUUID();
    await appendAt(organizationId, [monthsAgo(15), monthsAgo(14)]);
    // The database is shared: another file's deliberately broken chains (audit-tamper) are refused
    // and reported together at the end of the sweep; this organization's must not be among them.
    const swept = await sweepAuditRetention(orm, keys).catch((error: unknown) => {
      if (!(error instanceof AggregateError)) throw error;
      expect(error.errors.map(String).join('\n')).not.toContain(organizationId);
      return null;
    });
    if (swept !== null) expect(swept).toBeGreaterThanOrEqual(2);
    expect(await sequencesOf(organizationId)).toEqual([]);
    await appendAt(organizationId, [new Date()]);
    expect(await sequencesOf(organizationId)).toEqual([3]);
    expect(await chainOf(organizationId)).toMatchObject({
      valid: true,
      events: 1,
      headSequence: 3,
      checkpoint: { sequence: 2, signatureValid: true },
    });
  });

  it('keeps events for a longer retention period, and refuses one below 12 months', async () => {
    const organizationId = randomUUID();
    await db.query('insert into audit.retention (organization_id, keep_months) values ($1, 24)', [
      organizationId,
    ]);
    await appendAt(organizationId, [monthsAgo(14), monthsAgo(25)]);
    expect(await purgeExpiredEvents(orm, keys, organizationId)).toBe(0);
    expect(await sequencesOf(organizationId)).toEqual([1, 2]);
    await expect(
      db.query('insert into audit.retention (organization_id, keep_months) values ($1, 6)', [randomUUID()]),
    ).rejects.toThrow(/check constraint/);
  });

  it('reports a checkpoint whose signature does not verify as the break', async () => {
    const organizationId = randomUUID();
    await appendAt(organizationId, [monthsAgo(14), monthsAgo(14), new Date()]);
    await purgeExpiredEvents(orm, keys, organizationId);
    await db.query('alter table audit.checkpoints disable trigger checkpoints_append_only');
    try {
      await db.query(`update audit.checkpoints set sequence = 1 where organization_id = $1`, [
        organizationId,
      ]);
    } finally {
      await db.query('alter table audit.checkpoints enable trigger checkpoints_append_only');
    }
    expect(await chainOf(organizationId)).toMatchObject({
      valid: false,
      brokenAt: 1,
      checkpoint: { sequence: 1, signatureValid: false },
    });
  });

  it('lets the runtime role purge only expired events, with the stored hash, through the function', async () => {
    const organizationId = randomUUID();
    await appendAt(organizationId, [monthsAgo(14), new Date()]);
    const { rows } = await db.query<{ sequence: number; hash: string }>(
      'select sequence::int as sequence, hash from audit.events where organization_id = $1 order by sequence',
      [organizationId],
    );
    const purge = (sequence: number, hash: string) =>
      runInScope(orm, { tenantIds: [organizationId], userId: null }, ({ em }) =>
        em.execute('select audit.purge_events(?, ?, ?, now(), ?, ?)', [
          organizationId,
          sequence,
          hash,
          'ffffffffffffffff',
          'forged',
        ]),
      );
    await expect(purge(2, rows[1]!.hash)).rejects.toThrow(/within the retention period/);
    await expect(purge(1, 'f'.repeat(64))).rejects.toThrow(/no event 1 with that hash/);
    expect(await sequencesOf(organizationId)).toEqual([1, 2]);
    // A forged signature is accepted by the database, but not by the verification.
    await purge(1, rows[0]!.hash);
    expect(await chainOf(organizationId)).toMatchObject({ valid: false, brokenAt: 1 });
  });
});
