import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { createLogger } from '../platform/logger.ts';
import { privateKeyFromPem } from '../platform/internal-token.ts';
import { checkpointKeysOf } from '../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { checkpointChain, checkpointDueChains } from '../subgraphs/audit/src/chain/chain-checkpointer.ts';
import { createChainMetrics } from '../subgraphs/audit/src/chain/chain-metrics.ts';
import { fullVerificationHandler } from '../subgraphs/audit/src/chain/full-verification.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  INGEST,
  adminWithOrganization,
  auditRuntimeOrm,
  callSubgraph,
  waitFor,
  withoutTriggers,
} from './support/audit-helpers.ts';

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
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

const keys = checkpointKeysOf(privateKeyFromPem(testEnvironment().auditSigning.privateKeyPem));
const deps = () => ({ orm, keys, logger: createLogger('test'), metrics: createChainMetrics(undefined) });

const CHAIN = /* GraphQL */ `
  query IncrementalChain($organizationId: ID!) {
    auditChain(organizationId: $organizationId) {
      valid
      events
      brokenAt
      breakReason
      headSequence
      verifiedCheckpoint {
        sequence
        hash
        signatureValid
      }
    }
  }
`;

const REQUEST = /* GraphQL */ `
  mutation FullVerification($organizationId: ID!) {
    requestAuditChainVerification(organizationId: $organizationId) {
      id
      status
      requestedAt
    }
  }
`;

const RUNS = /* GraphQL */ `
  query Verifications($organizationId: ID!, $first: Int) {
    auditChainVerifications(organizationId: $organizationId, first: $first) {
      id
      status
      valid
      events
      brokenAt
      breakReason
      headSequence
      headHash
    }
  }
`;

interface Chain {
  valid: boolean;
  events: number;
  brokenAt: number | null;
  breakReason: string | null;
  headSequence: number | null;
  verifiedCheckpoint: { sequence: number; hash: string; signatureValid: boolean } | null;
}

interface Run {
  id: string;
  status: string;
  valid: boolean | null;
  events: number | null;
  brokenAt: number | null;
  breakReason: string | null;
  headSequence: number | null;
  headHash: string | null;
}

const event = (organizationId: string, n: number) => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  organizationId,
  action: 'test.checkpoint',
  outcome: 'SUCCESS',
  actor: { type: 'SYSTEM', id: 'test' },
  metadata: { n },
});

async function ingest(organizationId: string, count: number) {
  const result = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
    events: Array.from({ length: count }, (_, n) => event(organizationId, n)),
  });
  expect(result.errors).toBeUndefined();
}

async function chainOf(organizationId: string, token: string): Promise<Chain> {
  const result = await stack.graphql<{ auditChain: Chain }>(CHAIN, { organizationId }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.auditChain;
}

/** An organization with `count` events more, checkpointed at its head; then `after` more events. */
async function checkpointedChain(label: string, count: number, after: number) {
  const admin = await adminWithOrganization(stack, uniqueEmail(label));
  await ingest(admin.organizationId, count);
  const verified = await checkpointChain(deps(), admin.organizationId, 'FULL');
  expect(verified.valid).toBe(true);
  await ingest(admin.organizationId, after);
  return { admin, checkpoint: verified.headSequence! };
}

async function requestVerification(organizationId: string, token: string): Promise<Run> {
  const requested = await stack.graphql<{ requestAuditChainVerification: Run }>(
    REQUEST,
    { organizationId },
    token,
  );
  expect(requested.errors).toBeUndefined();
  return requested.data!.requestAuditChainVerification;
}

function completionOf(organizationId: string, token: string, id: string): Promise<Run> {
  return waitFor(async () => {
    const runs = await stack.graphql<{ auditChainVerifications: Run[] }>(RUNS, { organizationId }, token);
    expect(runs.errors).toBeUndefined();
    const run = runs.data!.auditChainVerifications.find((r) => r.id === id);
    return run?.status === 'COMPLETED' ? run : undefined;
  }, 'the full verification to complete');
}

async function fullVerification(organizationId: string, token: string): Promise<Run> {
  const requested = await requestVerification(organizationId, token);
  expect(requested.status).toBe('QUEUED');
  return completionOf(organizationId, token, requested.id);
}

/**
 * Runs `requests` while holding the organization's verification lock (the one
 * requestFullVerification serialises on), releasing it once `count` of them wait on it: they are
 * then truly concurrent, whatever the machine's speed.
 */
async function whileVerificationLocked<T>(
  organizationId: string,
  count: number,
  requests: () => Promise<T>[],
) {
  const key = `hashtext('audit-verification:' || $1::text)`;
  await db.query(`select pg_advisory_lock(${key})`, [organizationId]);
  let pending: Promise<T>[] = [];
  try {
    pending = requests();
    await waitFor(async () => {
      const { rows } = await db.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_locks
          where locktype = 'advisory' and not granted and objid = (${key})::oid`,
        [organizationId],
      );
      return rows[0]!.waiting >= count ? true : undefined;
    }, `${count} requests to wait on the verification lock`);
  } finally {
    await db.query(`select pg_advisory_unlock(${key})`, [organizationId]);
  }
  return Promise.all(pending);
}

describe('auditChain from the last verified checkpoint', () => {
  it('re-hashes only what came after the checkpoint, and says where it started', async () => {
    const { admin, checkpoint } = await checkpointedChain('checkpoint-incremental', 40, 5);
    const chain = await chainOf(admin.organizationId, admin.token);
    expect(chain.valid).toBe(true);
    expect(chain.verifiedCheckpoint).toMatchObject({ sequence: checkpoint, signatureValid: true });
    // The 5 ingested, plus whatever the gateway's access log appended since: never the 40 before.
    expect(chain.events).toBeGreaterThanOrEqual(5);
    expect(chain.events).toBeLessThan(40);
    expect(chain.headSequence).toBe(checkpoint + chain.events);
  });

  it('catches an event changed after the checkpoint', async () => {
    const { admin, checkpoint } = await checkpointedChain('checkpoint-after', 10, 4);
    await withoutTriggers(
      db,
      `update audit.events set metadata = '{"n": 99}' where organization_id = $1 and sequence = $2`,
      [admin.organizationId, checkpoint + 2],
    );
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: checkpoint + 2,
      breakReason: 'HASH_MISMATCH',
    });
  });

  it('catches the checkpoint event itself changed, rehashed, or removed', async () => {
    const rehashed = await checkpointedChain('checkpoint-anchor', 6, 2);
    await withoutTriggers(
      db,
      `update audit.events set hash = repeat('e', 64) where organization_id = $1 and sequence = $2`,
      [rehashed.admin.organizationId, rehashed.checkpoint],
    );
    expect(await chainOf(rehashed.admin.organizationId, rehashed.admin.token)).toMatchObject({
      valid: false,
      brokenAt: rehashed.checkpoint,
      breakReason: 'HASH_MISMATCH',
    });

    const removed = await checkpointedChain('checkpoint-anchor-gone', 6, 2);
    await withoutTriggers(db, 'delete from audit.events where organization_id = $1 and sequence = $2', [
      removed.admin.organizationId,
      removed.checkpoint,
    ]);
    expect(await chainOf(removed.admin.organizationId, removed.admin.token)).toMatchObject({
      valid: false,
      brokenAt: removed.checkpoint,
      breakReason: 'EVENT_MISSING',
    });
  });

  it('refuses a checkpoint whose signature does not verify (a row forged past a break)', async () => {
    const { admin, checkpoint } = await checkpointedChain('checkpoint-forged', 6, 3);
    const { rows } = await db.query<{ hash: string }>(
      'select hash from audit.events where organization_id = $1 and sequence = $2',
      [admin.organizationId, checkpoint + 2],
    );
    // What someone with INSERT but no key could add to skip a changed event: a row, no signature.
    await db.query(
      `insert into audit.verified_checkpoints (organization_id, sequence, hash, verified_at, key_id, signature)
         values ($1, $2, $3, now(), $4, 'forged')`,
      [admin.organizationId, checkpoint + 2, rows[0]!.hash, keys.signing.keyId],
    );
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: checkpoint + 2,
      breakReason: 'CHECKPOINT_SIGNATURE',
      verifiedCheckpoint: { sequence: checkpoint + 2, signatureValid: false },
    });
  });

  it('the runtime role cannot change or remove a checkpoint', async () => {
    const { admin } = await checkpointedChain('checkpoint-append-only', 2, 0);
    await expect(
      orm.em
        .fork()
        .execute('update audit.verified_checkpoints set sequence = 1 where organization_id = ?', [
          admin.organizationId,
        ]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      orm.em
        .fork()
        .execute('delete from audit.verified_checkpoints where organization_id = ?', [admin.organizationId]),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('the full verification job', () => {
  it('catches a change before the checkpoint that the incremental check cannot see, and records it', async () => {
    const { admin, checkpoint } = await checkpointedChain('checkpoint-before', 12, 3);
    await withoutTriggers(
      db,
      `update audit.events set metadata = '{"n": 99}' where organization_id = $1 and sequence = 3`,
      [admin.organizationId],
    );
    // From the checkpoint on, nothing changed: the incremental check holds, as designed.
    expect((await chainOf(admin.organizationId, admin.token)).valid).toBe(true);
    const run = await fullVerification(admin.organizationId, admin.token);
    expect(run).toMatchObject({ valid: false, brokenAt: 3, breakReason: 'HASH_MISMATCH' });
    expect(checkpoint).toBeGreaterThan(3);
    // A broken chain gets no new checkpoint: the latest is still the one before the change.
    const { rows } = await db.query<{ sequence: string }>(
      'select max(sequence)::text as sequence from audit.verified_checkpoints where organization_id = $1',
      [admin.organizationId],
    );
    expect(Number(rows[0]!.sequence)).toBe(checkpoint);
  });

  it('verifies an intact chain whole, and checkpoints its head', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('checkpoint-full'));
    await ingest(admin.organizationId, 25);
    const run = await fullVerification(admin.organizationId, admin.token);
    expect(run.valid).toBe(true);
    expect(run.brokenAt).toBeNull();
    expect(run.events).toBe(run.headSequence);
    expect(run.events).toBeGreaterThanOrEqual(25);
    const chain = await chainOf(admin.organizationId, admin.token);
    expect(chain).toMatchObject({
      valid: true,
      verifiedCheckpoint: { sequence: run.headSequence, hash: run.headHash },
    });
  });

  it('takes parallel requests as one run (one pending per organization), and a retry after a killed worker ends the same', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('checkpoint-parallel'));
    await ingest(admin.organizationId, 10);
    const requested = await whileVerificationLocked(admin.organizationId, 3, () =>
      [1, 2, 3].map(() => requestVerification(admin.organizationId, admin.token)),
    );
    // The first queued it; the others found it pending (a worker may have taken it meanwhile).
    expect(new Set(requested.map((r) => r.id)).size).toBe(1);
    for (const run of requested) expect(['QUEUED', 'RUNNING']).toContain(run.status);
    const runs = await Promise.all(
      requested.map((r) => completionOf(admin.organizationId, admin.token, r.id)),
    );
    for (const run of runs) expect(run).toMatchObject({ valid: true, brokenAt: null });
    // A worker killed after its run started leaves the job to be taken again: the retry runs the
    // whole verification again and records its result on the same row.
    const [first] = runs;
    await db.query(`update audit.chain_verifications set status = 'RUNNING' where id = $1`, [first!.id]);
    await fullVerificationHandler(deps()).run({
      id: randomUUID(),
      kind: 'chain-verification',
      payload: { organizationId: admin.organizationId, verificationId: first!.id },
      attempts: 2,
    });
    const { rows } = await db.query<{ status: string; valid: boolean }>(
      'select status, valid from audit.chain_verifications where id = $1',
      [first!.id],
    );
    expect(rows).toEqual([{ status: 'COMPLETED', valid: true }]);
  });

  it('records a verification whose retries are spent as FAILED, readable by the admin', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('checkpoint-dead'));
    const id = randomUUID();
    await db.query(
      `insert into audit.chain_verifications (organization_id, id, status, requested_at) values ($1, $2, 'RUNNING', now())`,
      [admin.organizationId, id],
    );
    await fullVerificationHandler(deps()).onDeadLetter!({
      id: randomUUID(),
      kind: 'chain-verification',
      payload: { organizationId: admin.organizationId, verificationId: id },
      attempts: 5,
    });
    const runs = await stack.graphql<{ auditChainVerifications: Run[] }>(
      RUNS,
      { organizationId: admin.organizationId },
      admin.token,
    );
    expect(runs.data!.auditChainVerifications).toEqual([
      expect.objectContaining({ id, status: 'FAILED', valid: null }),
    ]);
  });

  it('answers BAD_USER_INPUT for a page out of range, and runs nothing for a member without the role', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('checkpoint-bad'));
    const bad = await stack.graphql(RUNS, { organizationId: admin.organizationId, first: 0 }, admin.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const outsider = await adminWithOrganization(stack, uniqueEmail('checkpoint-outsider'));
    const denied = await stack.graphql(REQUEST, { organizationId: admin.organizationId }, outsider.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { rows } = await db.query('select 1 from audit.chain_verifications where organization_id = $1', [
      admin.organizationId,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('the scheduled checkpointer', () => {
  it('checkpoints chains grown past the threshold, and none that is broken', async () => {
    const grown = await adminWithOrganization(stack, uniqueEmail('checkpoint-due'));
    await ingest(grown.organizationId, 30);
    const broken = await adminWithOrganization(stack, uniqueEmail('checkpoint-due-broken'));
    await ingest(broken.organizationId, 30);
    await withoutTriggers(
      db,
      `update audit.events set metadata = '{"n": 99}' where organization_id = $1 and sequence = 4`,
      [broken.organizationId],
    );
    // Every chain of the database this large is due; other files' chains are small.
    await checkpointDueChains(deps(), { minEvents: 25, organizationsPerRun: 10_000 });
    const { rows } = await db.query<{ organization_id: string }>(
      'select distinct organization_id from audit.verified_checkpoints where organization_id = any($1::uuid[])',
      [[grown.organizationId, broken.organizationId]],
    );
    expect(rows.map((r) => r.organization_id)).toEqual([grown.organizationId]);
  });
});
