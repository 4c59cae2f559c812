import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Registry } from 'prom-client';
import { KEY_STORE_OWNER, rolesOf, urlForRole, type SubgraphName } from '../platform/database.ts';
import { createLogger } from '../platform/logger.ts';
import {
  keyEncryptionKeyRing,
  localKeyEncryptionKey,
  type KeyEncryptionKey,
} from '../platform/crypto/key-encryption-key.ts';
import { createSubjectKeyStore } from '../platform/crypto/subject-key-store.ts';
import { SubjectKeyDestroyedError, type Subject } from '../platform/crypto/subject-keys.ts';
import { SealedValueError } from '../platform/crypto/sealed-box.ts';
import { adminClient } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

const kek = localKeyEncryptionKey(randomBytes(32).toString('base64'));
const pools: pg.Pool[] = [];
let db: pg.Client;

function poolAs(role: string, max = 4): pg.Pool {
  const env = testEnvironment();
  const pool = new pg.Pool({ connectionString: urlForRole(env.databaseUrl, role, env.dbSecret), max });
  pools.push(pool);
  return pool;
}
const runtimeOf = (subgraph: SubgraphName) => rolesOf(subgraph).runtime;

function logLines() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('keys-test', { destination }) };
}

function storeAs(subgraph: SubgraphName, extra: Partial<Parameters<typeof createSubjectKeyStore>[0]> = {}) {
  return createSubjectKeyStore({ pool: poolAs(runtimeOf(subgraph)), keyEncryptionKey: kek, ...extra });
}

const organization = (): Subject => ({ kind: 'organization', id: randomUUID() });
const person = (): Subject => ({ kind: 'person', id: randomUUID() });

beforeAll(async () => {
  db = await adminClient();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await db?.end();
});

describe('the subjects’ key store', () => {
  it('creates a subject’s data key on first use, stores it only wrapped, and serves the same key after', async () => {
    const store = storeAs('tenancy');
    const subject = organization();
    const first = await store.keyFor(subject);
    expect(first.key).toHaveLength(32);
    expect(first.subject).toEqual(subject);
    const fresh = storeAs('tenancy');
    expect((await fresh.keyFor(subject)).key.equals(first.key)).toBe(true);
    expect((await fresh.keyById(first.id))?.key.equals(first.key)).toBe(true);
    expect((await store.keyFor(organization())).key.equals(first.key)).toBe(false);

    const { rows } = await db.query('select * from subject_keys.data_keys where subject_id = $1', [
      subject.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].wrapped_key.startsWith(`${kek.id}/v1.`)).toBe(true);
    expect(rows[0].wrapped_key).not.toContain(first.key.toString('base64'));
    expect(rows[0].wrapped_key).not.toContain(first.key.toString('base64url'));
    expect(rows[0].wrapped_key).not.toContain(first.key.toString('hex'));
  });

  it('40 first uses at once, from two processes, create exactly one key', async () => {
    const stores = [storeAs('audit'), storeAs('audit')];
    const subject = person();
    const keys = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.keyFor(subject)));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
    expect(keys.every((key) => key.key.equals(keys[0]!.key))).toBe(true);
    const { rows } = await db.query(
      'select count(*)::int as n from subject_keys.data_keys where subject_id = $1',
      [subject.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('destroys a subject’s keys: overwritten and deleted, stated with ids and times, idempotent, never recreated', async () => {
    const { lines, logger } = logLines();
    const registry = new Registry();
    const tenancy = storeAs('tenancy');
    const lifecycle = storeAs('lifecycle', { logger, registry });
    const subject = organization();
    const key = await tenancy.keyFor(subject);
    await lifecycle.keyFor(subject);

    const destroyed = await lifecycle.destroy(subject);
    expect(destroyed).toEqual([
      { id: key.id, subject, createdAt: expect.any(Date), destroyedAt: expect.any(Date) },
    ]);
    expect(await lifecycle.keyById(key.id)).toBeNull();
    await expect(lifecycle.keyFor(subject)).rejects.toBeInstanceOf(SubjectKeyDestroyedError);
    expect(await lifecycle.destroy(subject)).toEqual(destroyed);
    const rows = await db.query('select * from subject_keys.data_keys where subject_id = $1', [subject.id]);
    expect(rows.rowCount).toBe(0);
    const tomb = await db.query('select * from subject_keys.destroyed_keys where subject_id = $1', [
      subject.id,
    ]);
    expect(Object.keys(tomb.rows[0]).sort()).toEqual([
      'created_at',
      'destroyed_at',
      'id',
      'subject_id',
      'subject_kind',
    ]);
    expect(await registry.getSingleMetricAsString('steward_subject_keys_destroyed_total')).toMatch(/ 1$/m);
    // Its logs name the keys, never their material.
    const log = lines.join('');
    expect(log).toContain(key.id);
    for (const encoding of ['base64', 'base64url', 'hex'] as const)
      expect(log).not.toContain(key.key.toString(encoding));

    // A subject destroyed before it ever had a key gets none afterwards either.
    const never = person();
    expect(await lifecycle.destroy(never)).toEqual([]);
    await expect(storeAs('identity').keyFor(never)).rejects.toBeInstanceOf(SubjectKeyDestroyedError);
  });

  it('a destroy racing 20 first uses leaves no key behind', async () => {
    const identity = storeAs('identity');
    const lifecycle = storeAs('lifecycle');
    const subject = person();
    const uses = Array.from({ length: 20 }, () =>
      identity.keyFor(subject).then(
        () => 'key',
        (error: unknown) => (error instanceof SubjectKeyDestroyedError ? 'destroyed' : String(error)),
      ),
    );
    const [outcomes] = await Promise.all([Promise.all(uses), lifecycle.destroy(subject)]);
    expect(outcomes.every((outcome) => outcome === 'key' || outcome === 'destroyed')).toBe(true);
    const rows = await db.query('select 1 from subject_keys.data_keys where subject_id = $1', [subject.id]);
    expect(rows.rowCount).toBe(0);
  });

  it('another process serves a destroyed key from its cache for at most cacheMs, then no more', async () => {
    const reader = storeAs('audit', { cacheMs: 300 });
    const lifecycle = storeAs('lifecycle');
    const subject = organization();
    const key = await reader.keyFor(subject);
    await lifecycle.destroy(subject);
    expect((await reader.keyById(key.id))?.id).toBe(key.id);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await reader.keyById(key.id)).toBeNull();
    await expect(reader.keyFor(subject)).rejects.toBeInstanceOf(SubjectKeyDestroyedError);
  });

  it('refuses what a subject is not', async () => {
    const store = storeAs('audit');
    await expect(store.keyFor({ kind: 'organization', id: 'not-an-id' })).rejects.toThrow(/Not a subject/);
    await expect(store.keyFor({ kind: 'project' as 'person', id: randomUUID() })).rejects.toThrow(
      /Not a subject/,
    );
    expect(await store.keyById('not-an-id')).toBeNull();
    expect(await store.keyById(randomUUID())).toBeNull();
  });
});

describe('who may do what in the key store', () => {
  it('identity reads and creates people’s keys only; tenancy organizations’ only (row-level security)', async () => {
    await expect(storeAs('identity').keyFor(organization())).rejects.toThrow(/row-level security/);
    await expect(storeAs('tenancy').keyFor(person())).rejects.toThrow(/row-level security/);
    const subject = organization();
    const key = await storeAs('tenancy').keyFor(subject);
    expect(await storeAs('identity').keyById(key.id)).toBeNull();
  });

  it.each(['identity', 'tenancy', 'audit'] as const)(
    '%s may not destroy keys, nor touch what was destroyed',
    async (subgraph) => {
      const subject = person();
      await storeAs('audit').keyFor(subject);
      await expect(storeAs(subgraph).destroy(subject)).rejects.toThrow(/permission denied/);
      const pool = poolAs(runtimeOf(subgraph), 1);
      await expect(pool.query('delete from subject_keys.data_keys')).rejects.toThrow(/permission denied/);
      await expect(pool.query("update subject_keys.data_keys set wrapped_key = 'x'")).rejects.toThrow(
        /permission denied/,
      );
      await expect(pool.query('delete from subject_keys.destroyed_subjects')).rejects.toThrow(
        /permission denied/,
      );
      const rows = await db.query('select 1 from subject_keys.data_keys where subject_id = $1', [subject.id]);
      expect(rows.rowCount).toBe(1);
    },
  );

  it('lifecycle may not undo a destruction', async () => {
    const pool = poolAs(runtimeOf('lifecycle'), 1);
    await expect(pool.query('delete from subject_keys.destroyed_subjects')).rejects.toThrow(
      /permission denied/,
    );
    await expect(pool.query('update subject_keys.destroyed_keys set destroyed_at = now()')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('the gateway’s role and PUBLIC see nothing of the key store', async () => {
    const { rows } = await db.query(
      `select has_schema_privilege('steward_gateway', 'subject_keys', 'USAGE') as gateway,
              has_schema_privilege('public', 'subject_keys', 'USAGE') as public,
              (select nspowner::regrole::text from pg_namespace where nspname = 'subject_keys') as owner`,
    );
    expect(rows[0]).toEqual({ gateway: false, public: false, owner: KEY_STORE_OWNER });
  });
});

describe('a wrapped key that does not unwrap', () => {
  async function tamper(subject: Subject, change: (wrapped: string) => string) {
    const { rows } = await db.query('select wrapped_key from subject_keys.data_keys where subject_id = $1', [
      subject.id,
    ]);
    await db.query('update subject_keys.data_keys set wrapped_key = $2 where subject_id = $1', [
      subject.id,
      change(rows[0].wrapped_key),
    ]);
  }

  it('fails with SealedValueError, a log line and a metric, never a wrong key', async () => {
    const { lines, logger } = logLines();
    const registry = new Registry();
    const subject = organization();
    const key = await storeAs('tenancy').keyFor(subject);
    await tamper(subject, (wrapped) => wrapped.slice(0, -2) + (wrapped.endsWith('A') ? 'BB' : 'AA'));
    const reader = storeAs('tenancy', { logger, registry });
    await expect(reader.keyById(key.id)).rejects.toBeInstanceOf(SealedValueError);
    await expect(reader.keyFor(subject)).rejects.toBeInstanceOf(SealedValueError);
    expect(await registry.getSingleMetricAsString('steward_subject_key_failures_total')).toMatch(/ 2$/m);
    expect(lines.map((line) => JSON.parse(line).msg)).toContain(
      'a data key did not unwrap under the key-encryption key',
    );
  });

  it('another subject’s wrapped key copied onto this subject’s row does not unwrap', async () => {
    const store = storeAs('audit');
    const [a, b] = [person(), person()];
    await store.keyFor(a);
    const keyB = await store.keyFor(b);
    const { rows } = await db.query('select wrapped_key from subject_keys.data_keys where subject_id = $1', [
      a.id,
    ]);
    await tamper(b, () => rows[0].wrapped_key);
    await expect(storeAs('audit').keyById(keyB.id)).rejects.toBeInstanceOf(SealedValueError);
  });
});

describe('the key-encryption key ring', () => {
  it('reads keys wrapped under a retired key-encryption key; with the new key alone it does not', async () => {
    const old: KeyEncryptionKey = kek;
    const next = localKeyEncryptionKey(randomBytes(32).toString('base64'));
    const subject = organization();
    const before = await storeAs('tenancy').keyFor(subject);
    const ring = keyEncryptionKeyRing(next, [old]);
    expect(
      (await storeAs('tenancy', { keyEncryptionKey: ring }).keyById(before.id))?.key.equals(before.key),
    ).toBe(true);
    await expect(storeAs('tenancy', { keyEncryptionKey: next }).keyById(before.id)).rejects.toBeInstanceOf(
      SealedValueError,
    );
    // New keys are wrapped under the current key.
    const after = await storeAs('tenancy', { keyEncryptionKey: ring }).keyFor(organization());
    const { rows } = await db.query('select wrapped_key from subject_keys.data_keys where id = $1', [
      after.id,
    ]);
    expect(rows[0].wrapped_key.startsWith(`${next.id}/`)).toBe(true);
  });
});
