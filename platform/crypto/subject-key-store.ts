import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { isId } from '../ids.ts';
import type { KeyEncryptionKey } from './key-encryption-key.ts';
import { DATA_KEY_BYTES } from './sealed-box.ts';
import {
  SubjectKeyDestroyedError,
  type DataKey,
  type DestroyedKey,
  type Subject,
  type SubjectKeyStore,
} from './subject-keys.ts';

/**
 * How long an unwrapped key is served from a process's memory: the bound on how long another
 * process may still open content after a deletion destroyed its key (the destroying process
 * forgets it at once). Deletion erases the rows right after destroying their keys anyway.
 */
export const DEFAULT_KEY_CACHE_MS = 30_000;

export interface SubjectKeyStoreOptions {
  /**
   * Connections as the process's runtime role, apart from its request pool: a request holding a
   * connection never waits on another request's for a key (40 requests at once, a pool of 10).
   */
  pool: pg.Pool;
  keyEncryptionKey: KeyEncryptionKey;
  logger?: Logger;
  /** Counts keys created, destroyed and unwrap failures on the process's /metrics. */
  registry?: Registry;
  cacheMs?: number;
  /** Most keys kept unwrapped at once (the least recently used go first). */
  cacheSize?: number;
  now?: () => Date;
}

interface KeyRow {
  id: string;
  subject_kind: Subject['kind'];
  subject_id: string;
  wrapped_key: string;
  created_at: Date;
}

interface DestroyedRow {
  id: string;
  subject_kind: Subject['kind'];
  subject_id: string;
  created_at: Date;
  destroyed_at: Date;
}

const KINDS: readonly Subject['kind'][] = ['organization', 'person'];

function checkSubject(subject: Subject): void {
  if (!KINDS.includes(subject.kind) || !isId(subject.id))
    throw new Error('Not a subject: kind and id expected');
}

const subjectKey = (subject: Subject) => `${subject.kind}:${subject.id.toLowerCase()}`;

/** What a wrapped data key is bound to: copied to another subject's or key's row, it does not unwrap. */
export const dataKeyContext = (keyId: string, subject: Subject) =>
  `subject-key\0${subject.kind}\0${subject.id.toLowerCase()}\0${keyId}`;

function counter(registry: Registry | undefined, name: string, help: string, labelNames: string[] = []) {
  const existing = registry?.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames, registers: registry ? [registry] : [] });
}

/**
 * The subjects' data keys in PostgreSQL (schema subject_keys, migrations beside this file),
 * wrapped by the key-encryption key, unwrapped in this process's memory for `cacheMs` at most.
 * Every creation and destruction of a subject's keys holds a transaction-level advisory lock on
 * the subject: concurrent first uses create one key, and no key is created during or after its
 * subject's destruction (the tombstone in destroyed_subjects is checked under the same lock).
 */
export function createSubjectKeyStore(options: SubjectKeyStoreOptions): SubjectKeyStore & {
  /** Forgets every unwrapped key held in this process (tests; an operator's emergency). */
  forget(): void;
} {
  const { pool, keyEncryptionKey: kek, logger } = options;
  const cacheMs = options.cacheMs ?? DEFAULT_KEY_CACHE_MS;
  const cacheSize = options.cacheSize ?? 10_000;
  const now = options.now ?? (() => new Date());
  const created = counter(options.registry, 'steward_subject_keys_created_total', 'Data keys created');
  const destroyed = counter(options.registry, 'steward_subject_keys_destroyed_total', 'Data keys destroyed');
  const failures = counter(
    options.registry,
    'steward_subject_key_failures_total',
    'Data keys that did not unwrap under the key-encryption key',
  );

  // Insertion order is recency order: a hit moves the entry to the end, the oldest go first.
  const byId = new Map<string, { key: DataKey; until: number }>();
  const currentOf = new Map<string, string>();

  function remember(key: DataKey): DataKey {
    byId.delete(key.id);
    byId.set(key.id, { key, until: Date.now() + cacheMs });
    currentOf.set(subjectKey(key.subject), key.id);
    while (byId.size > cacheSize) {
      const [oldest] = byId.keys();
      forgetKey(oldest!);
    }
    return key;
  }

  function forgetKey(id: string): void {
    const entry = byId.get(id);
    byId.delete(id);
    if (entry && currentOf.get(subjectKey(entry.key.subject)) === id)
      currentOf.delete(subjectKey(entry.key.subject));
  }

  function cached(id: string | undefined): DataKey | null {
    const entry = id === undefined ? undefined : byId.get(id);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      forgetKey(entry.key.id);
      return null;
    }
    byId.delete(entry.key.id);
    byId.set(entry.key.id, entry);
    return entry.key;
  }

  async function unwrap(row: KeyRow): Promise<DataKey> {
    const subject: Subject = { kind: row.subject_kind, id: row.subject_id };
    try {
      const key = await kek.unwrap(row.wrapped_key, dataKeyContext(row.id, subject));
      return remember({ id: row.id, subject, key });
    } catch (error) {
      failures.inc();
      // The key's id and subject only: never the wrapped or unwrapped key.
      logger?.error(
        { keyId: row.id, subjectKind: subject.kind, subjectId: subject.id, kekId: kek.id, err: error },
        'a data key did not unwrap under the key-encryption key',
      );
      throw error;
    }
  }

  async function inTransaction<T>(subject: Subject, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A connection ended between two statements (a restart, a failover) is an 'error' event on the
    // checked-out client, which would otherwise be unhandled and end the process; the next
    // statement fails with it, and the client is destroyed rather than handed back.
    const lost = (error: Error) => logger?.warn({ err: error }, 'key store connection lost mid-transaction');
    client.on('error', lost);
    let failed = false;
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `subject-key:${subjectKey(subject)}`,
      ]);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      failed = true;
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', lost);
      client.release(failed);
    }
  }

  const selectKey = `select id, subject_kind, subject_id::text, wrapped_key, created_at
    from subject_keys.data_keys`;

  async function createKey(subject: Subject): Promise<DataKey> {
    const row = await inTransaction(subject, async (client) => {
      const tombstone = await client.query(
        'select 1 from subject_keys.destroyed_subjects where subject_kind = $1 and subject_id = $2',
        [subject.kind, subject.id],
      );
      if (tombstone.rowCount) throw new SubjectKeyDestroyedError(subject);
      const existing = await client.query<KeyRow>(
        `${selectKey} where subject_kind = $1 and subject_id = $2`,
        [subject.kind, subject.id],
      );
      if (existing.rows[0]) return existing.rows[0];
      const id = randomUUID();
      const key = randomBytes(DATA_KEY_BYTES);
      const wrapped = await kek.wrap(key, dataKeyContext(id, subject));
      key.fill(0);
      const inserted = await client.query<KeyRow>(
        `insert into subject_keys.data_keys (id, subject_kind, subject_id, wrapped_key, created_at)
         values ($1, $2, $3, $4, $5)
         returning id, subject_kind, subject_id::text, wrapped_key, created_at`,
        [id, subject.kind, subject.id, wrapped, now()],
      );
      created.inc();
      logger?.info({ keyId: id, subjectKind: subject.kind, subjectId: subject.id }, 'data key created');
      return inserted.rows[0]!;
    });
    return unwrap(row);
  }

  return {
    async keyFor(subject) {
      checkSubject(subject);
      const hit = cached(currentOf.get(subjectKey(subject)));
      if (hit) return hit;
      const { rows } = await pool.query<KeyRow>(`${selectKey} where subject_kind = $1 and subject_id = $2`, [
        subject.kind,
        subject.id,
      ]);
      return rows[0] ? unwrap(rows[0]) : createKey(subject);
    },

    async keyById(keyId) {
      if (!isId(keyId)) return null;
      const hit = cached(keyId.toLowerCase());
      if (hit) return hit;
      const { rows } = await pool.query<KeyRow>(`${selectKey} where id = $1`, [keyId]);
      return rows[0] ? unwrap(rows[0]) : null;
    },

    async destroy(subject) {
      checkSubject(subject);
      const rows = await inTransaction(subject, async (client) => {
        const at = now();
        await client.query(
          `insert into subject_keys.destroyed_subjects (subject_kind, subject_id, destroyed_at)
           values ($1, $2, $3) on conflict do nothing`,
          [subject.kind, subject.id, at],
        );
        // Overwritten before deleted: the row's last version holds no wrapped key.
        await client.query(
          `update subject_keys.data_keys set wrapped_key = repeat('0', length(wrapped_key))
           where subject_kind = $1 and subject_id = $2`,
          [subject.kind, subject.id],
        );
        const gone = await client.query<{ id: string; created_at: Date }>(
          `delete from subject_keys.data_keys where subject_kind = $1 and subject_id = $2
           returning id, created_at`,
          [subject.kind, subject.id],
        );
        for (const key of gone.rows) {
          await client.query(
            `insert into subject_keys.destroyed_keys (id, subject_kind, subject_id, created_at, destroyed_at)
             values ($1, $2, $3, $4, $5)`,
            [key.id, subject.kind, subject.id, key.created_at, at],
          );
        }
        // Idempotent: a deletion resumed after a crash states the keys its first run destroyed.
        const all = await client.query<DestroyedRow>(
          `select id, subject_kind, subject_id::text, created_at, destroyed_at from subject_keys.destroyed_keys
           where subject_kind = $1 and subject_id = $2 order by created_at, id`,
          [subject.kind, subject.id],
        );
        return { fresh: gone.rows.map((key) => key.id), all: all.rows };
      });
      for (const id of rows.fresh) forgetKey(id);
      currentOf.delete(subjectKey(subject));
      if (rows.fresh.length) {
        destroyed.inc(rows.fresh.length);
        logger?.info(
          { keyIds: rows.fresh, subjectKind: subject.kind, subjectId: subject.id },
          'data keys destroyed',
        );
      }
      return rows.all.map((row): DestroyedKey => ({
        id: row.id,
        subject: { kind: row.subject_kind, id: row.subject_id },
        createdAt: row.created_at,
        destroyedAt: row.destroyed_at,
      }));
    },

    forget() {
      byId.clear();
      currentOf.clear();
    },
  };
}
