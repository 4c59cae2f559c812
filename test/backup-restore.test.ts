import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { createLogger } from '../platform/logger.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { operatorSession } from './support/operator.ts';
import { waitFor } from './support/audit-helpers.ts';
import { lifecycleGql, ok, seedCanaryTenant, type CanaryTenant } from './support/lifecycle-fixtures.ts';
import {
  REQUEST_DELETION,
  waitForDeletion,
  waitForReceipt,
  type DeletionView,
} from './support/deletion-fixtures.ts';
import { join as joinOrganization, type SignedIn } from './support/tenancy-fixtures.ts';
import { dumpDatabase, tablesHolding, tablesKeptBy, type CertifiedTypes } from './support/database-dump.ts';
import { localBlobStore, type BlobStore } from '../subgraphs/lifecycle/src/export/blob-store.ts';
import { deleteExpiredBackups, runBackup } from '../subgraphs/lifecycle/src/backup/backup-run.ts';
import { restoreBackup } from '../subgraphs/lifecycle/src/backup/backup-restore.ts';
import {
  backupDataKey,
  backupManifestKey,
  newestManifest,
  readManifest,
  writeManifest,
  type BackupManifest,
} from '../subgraphs/lifecycle/src/backup/backup-store.ts';
import { decryptingStream, encryptChunks } from '../subgraphs/lifecycle/src/backup/backup-cipher.ts';
import {
  columnList,
  TABLES_SQL,
  type DumpHeader,
  type DumpTable,
} from '../subgraphs/lifecycle/src/backup/backup-dump.ts';
import { frame, jsonOf, readFrames } from '../subgraphs/lifecycle/src/backup/backup-frames.ts';
import {
  keyStoreCopyKey,
  readKeyStoreCopy,
  writeKeyStoreCopy,
} from '../subgraphs/lifecycle/src/backup/key-store-copy.ts';
import { newestKeyStore } from '../subgraphs/lifecycle/src/backup/key-store-source.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';
import { ERASED_TEXT } from '../platform/crypto/sealed-content.ts';
import { openRow } from '../subgraphs/audit/src/content/content-open.ts';
import { openName, organizationNamePlace, projectNamePlace } from '../subgraphs/tenancy/src/sealed-names.ts';
import { readStoredLedger } from '../subgraphs/lifecycle/src/ledger/erasure-ledger.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph } from '../scripts/lib/subgraph-modules.ts';
import { reapplyLedger } from '../scripts/lib/ledger-reapply.ts';
import { databaseUrlOf, dropDatabase, newestLedger, restoreInto } from '../scripts/lib/restore.ts';
import { testEnvironment } from './support/test-env.ts';

// Must-show 2 (issue #18): a backup taken before an organization's (and a person's) deletion,
// restored after it, holds the organization's rows again but not its keys: the key store is backed
// up apart from the dump, a deletion purges its keys from every copy, and a restore loads the
// newest key store (the live database's, else the newest copy), so the deleted subjects' sealed
// content does not open. Re-applying the erasure ledger (through the subgraphs' own destroy
// routes) then leaves the organization exactly where the live database keeps it after its
// deletion, which is nowhere but the tables its certificate says it keeps. Then what a restore
// refuses: a corrupted or re-encrypted dump or key-store copy, and what retention and a killed
// backup leave.

const KEY = Buffer.alloc(32, 7);
const logger = createLogger('test', 'silent');
let stack: TestStack;
let databaseUrl: string;
let db: pg.Client;
let blobDir: string;
let blobStore: BlobStore;
let a: CanaryTenant;
let b: CanaryTenant;
const scratch: string[] = [];
const operatorEmail = uniqueEmail('backup-operator');

const organizationCanaries = (tenant: CanaryTenant) =>
  tenant.canaries.filter((c) => /orgname|projectname|invitee|apikeyname/.test(c));
const canary = (tenant: CanaryTenant, field: string) => tenant.canaries.find((c) => c.endsWith(`-${field}`))!;

/**
 * A tenant's sealed values in a (restored) database, opened by the code that opens them: tenancy's
 * names, the audit log's event content; through a key store on that database, nothing cached.
 */
async function openedSealed(targetUrl: string, tenant: CanaryTenant) {
  const client = await adminClient(targetUrl);
  const keys = standaloneSealer(targetUrl, { cacheMs: 0 });
  try {
    const one = async <T extends pg.QueryResultRow>(sql: string) =>
      (await client.query<T>(sql, [tenant.organizationId])).rows;
    const [organization] = await one<{ id: string; name: string }>(
      `select id::text, name from tenancy.organizations where id = $1`,
    );
    const projects = await one<{ id: string; name: string }>(
      `select id::text, name from tenancy.projects where organization_id = $1`,
    );
    const events = await one<Parameters<typeof openRow>[1]>(
      `select id::text, actor_ip, actor_user_agent, metadata from audit.events where organization_id = $1`,
    );
    const opened = await Promise.all(events.map((event) => openRow(keys.sealer, event)));
    return {
      name: await openName(keys.sealer, organization!.name, organizationNamePlace(organization!.id)),
      projects: await Promise.all(projects.map((p) => openName(keys.sealer, p.name, projectNamePlace(p.id)))),
      auditContent: JSON.stringify(
        opened.map(({ actorIp, actorUserAgent, metadata }) => [actorIp, actorUserAgent, metadata]),
      ),
      erasedEvents: opened.filter((event) => event.erased).length,
    };
  } finally {
    await keys.close();
    await client.end();
  }
}

/** The deleted organization's sealed values read as erased; the other's open. */
async function expectShredded(targetUrl: string, deleted: CanaryTenant, kept: CanaryTenant) {
  const gone = await openedSealed(targetUrl, deleted);
  expect(gone.name).toBe(ERASED_TEXT);
  expect(gone.projects).toEqual([ERASED_TEXT]);
  expect(gone.erasedEvents).toBeGreaterThan(0);
  // What its events sealed under its key (names in their details); its admin's own (their device)
  // is the admin's, under the admin's key, and stays.
  for (const c of organizationCanaries(deleted)) expect(gone.auditContent).not.toContain(c);
  const there = await openedSealed(targetUrl, kept);
  expect(there.name).toBe(canary(kept, 'orgname'));
  expect(there.projects).toEqual([canary(kept, 'projectname')]);
  for (const c of organizationCanaries(kept)) expect(there.auditContent).toContain(c);
}

/** A backup's dump, decrypted, as text (its frames' bytes). */
async function decryptedDump(manifest: BackupManifest): Promise<string> {
  const blob = (await blobStore.get(backupDataKey(manifest.id)))!;
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body.pipe(decryptingStream(KEY, manifest.id))) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A backup as Steward wrote them before #18, its dump holding subject_keys.data_keys: a new
 * backup's dump re-framed under a new id with that table added, holding `keysText` (COPY text).
 */
async function backupWithKeysInDump(keysText: string): Promise<BackupManifest> {
  const source = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
  const id = randomUUID();
  const keysTable = (await db.query<DumpTable>(TABLES_SQL)).rows.find(
    (t) => t.schema === 'subject_keys' && t.table === 'data_keys',
  )!;
  const keyRows = keysText.split('\n').filter(Boolean).length;
  const blob = (await blobStore.get(backupDataKey(source.id)))!;
  async function* reframed() {
    for await (const { type, payload } of readFrames(blob.body.pipe(decryptingStream(KEY, source.id)))) {
      if (type === 'H') {
        const header = jsonOf<DumpHeader>(payload);
        yield frame('H', { ...header, backupId: id, tables: [...header.tables, keysTable] });
      } else if (type === 'Z') {
        yield frame('T', keysTable);
        yield frame('D', Buffer.from(keysText, 'utf8'));
        yield frame('E', { rows: keyRows });
        yield frame('Z', { tables: source.tables + 1, rows: source.rows + keyRows });
      } else yield frame(type, payload);
    }
  }
  const stored = await blobStore.put(
    backupDataKey(id),
    Readable.from(encryptChunks(reframed(), KEY, id), { objectMode: false }),
  );
  const manifest: BackupManifest = {
    ...source,
    id,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    tables: source.tables + 1,
    rows: source.rows + keyRows,
    rowsByTable: { ...source.rowsByTable, 'subject_keys.data_keys': keyRows },
    keyStore: undefined,
  };
  await writeManifest(blobStore, manifest);
  return manifest;
}

/** A table's rows as COPY text, as a dump holds them. */
async function copyText(client: pg.Client, table: string, columns: string[]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyStreams.to(`copy ${table} (${columnList(columns)}) to stdout`)))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const keyIdsOf = async (client: pg.Client, subjectIds: string[]) =>
  (
    await client.query<{ id: string }>(
      `select id::text from subject_keys.data_keys where subject_id = any($1::uuid[]) order by id`,
      [subjectIds],
    )
  ).rows.map((row) => row.id);

const scratchName = (label: string) => {
  const name = `steward_restore_${label}_${Math.random().toString(36).slice(2, 8)}`;
  scratch.push(name);
  return name;
};

async function deleteOrganization(tenant: CanaryTenant): Promise<DeletionView> {
  const requested = ok(
    await lifecycleGql<{ requestDeletion: DeletionView }>(
      stack,
      REQUEST_DELETION,
      { subject: { organizationId: tenant.organizationId }, reason: 'Customer asked' },
      tenant.adminToken,
    ),
  ).requestDeletion;
  return waitForDeletion(stack, requested.id, tenant.adminToken);
}

beforeAll(async () => {
  databaseUrl = await createIsolatedDatabase();
  blobDir = mkdtempSync(join(tmpdir(), 'steward-backups-'));
  blobStore = localBlobStore(blobDir);
  stack = await startTestStack({
    databaseUrl,
    // The deletion job purges key-store copies under the backups' key.
    lifecycle: {
      deletionGracePeriod: 'PT0S',
      jobPollMs: 200,
      blobDir,
      backups: { key: KEY, databaseUrl: null, cron: null, retentionDays: 7 },
    },
    identity: { operators: [operatorEmail] },
  });
  db = await adminClient(databaseUrl);
  [a, b] = [await seedCanaryTenant(stack, 'A'), await seedCanaryTenant(stack, 'B')];
  await waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from identity.audit_outbox where delivered_at is null)
            + (select count(*) from tenancy.audit_outbox where delivered_at is null) as n`,
    );
    return Number(rows[0]!.n) === 0 || undefined;
  }, 'outboxes delivered');
});

afterAll(async () => {
  const admin = await adminClient(databaseUrl);
  for (const name of scratch) await dropDatabase(admin, name).catch(() => undefined);
  await admin.end();
  await db?.end();
  await stack?.close();
});

describe('a backup taken before a deletion, restored after it', () => {
  let backup: BackupManifest;
  let deletion: DeletionView;
  let personDeletion: DeletionView;
  let person: SignedIn;
  let restoredUrl: string;
  let restored: pg.Client;
  /** The data keys of A and of the person (destroyed by their deletions), and B's (kept). */
  let destroyedKeyIds: string[];
  let keptKeyIds: string[];

  beforeAll(async () => {
    // A person of B's who deletes their own account, beside A's organization deleted by its admin.
    person = await joinOrganization(
      stack,
      b.adminToken,
      { organizationId: b.organizationId, role: 'MEMBER' },
      'ledger-person',
    );
    backup = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
    destroyedKeyIds = await keyIdsOf(db, [a.organizationId, person.userId]);
    keptKeyIds = await keyIdsOf(db, [b.organizationId]);
    expect(destroyedKeyIds).toHaveLength(2);
    expect(keptKeyIds).toHaveLength(1);
    deletion = await deleteOrganization(a);
    const requested = ok(
      await lifecycleGql<{ requestDeletion: DeletionView }>(
        stack,
        REQUEST_DELETION,
        { subject: { userId: person.userId }, reason: 'My own account' },
        person.token,
      ),
    ).requestDeletion;
    personDeletion = await waitForReceipt(stack, requested.receipt!);
  });
  afterAll(async () => {
    await restored?.end();
  });

  it('records the deletion in the ledger, in the database and beside it, with ids only', async () => {
    const { rows } = await db.query(`select * from lifecycle.erasure_ledger where deletion_id = $1`, [
      deletion.id,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        subject_kind: 'organization',
        organization_id: a.organizationId,
        user_id: null,
        certificate_id: deletion.certificate!.id,
      }),
    ]);
    const stored = await readStoredLedger(blobStore);
    expect(stored.map((entry) => entry.deletionId)).toContain(deletion.id);
    const raw = readFileSync(join(blobDir, 'erasure-ledger', `${deletion.id}.json`), 'utf8');
    for (const canary of a.canaries) expect(raw).not.toContain(canary);
  });

  it('keeps the data keys out of the dump, in a key-store copy of their own', async () => {
    expect(backup.rowsByTable['subject_keys.data_keys']).toBeUndefined();
    expect(backup.rowsByTable['subject_keys.destroyed_keys']).toEqual(expect.any(Number));
    expect(backup.keyStore?.keys).toBeGreaterThanOrEqual(3);
    // The dump's plaintext holds none of the wrapped keys (the copy's bytes are apart).
    const { keys } = await readKeyStoreCopy(
      blobStore,
      KEY,
      backup.id,
      (await readManifest(blobStore, backup.id)).keyStore,
    );
    const dumpText = await decryptedDump(backup);
    for (const row of keys) expect(dumpText).not.toContain(String(row.wrapped_key));
  });

  it("takes the deleted subjects' keys out of the key-store copy written before the deletions", async () => {
    const manifest = await readManifest(blobStore, backup.id);
    const { keys } = await readKeyStoreCopy(blobStore, KEY, backup.id, manifest.keyStore);
    const ids = keys.map((row) => row.id);
    for (const id of destroyedKeyIds) expect(ids).not.toContain(id);
    for (const id of keptKeyIds) expect(ids).toContain(id);
    expect(manifest.keyStore!.keys).toBe(backup.keyStore!.keys - destroyedKeyIds.length);
  });

  it('brings the organization back from the backup alone, its keys not: its sealed content does not open', async () => {
    const name = scratchName('raw');
    restoredUrl = databaseUrlOf(databaseUrl, name);
    await db.query(`create database ${name}`);
    await migrateAll({ databaseUrl: restoredUrl, dbSecret: testEnvironment().dbSecret }, readSupergraph());
    const keyStore = await newestKeyStore({ blobStore, key: KEY, liveUrl: databaseUrl, logger });
    expect(keyStore.from).toBe('live-database');
    const result = await restoreBackup({
      blobStore,
      key: KEY,
      manifest: backup,
      targetUrl: restoredUrl,
      keyStore,
    });
    expect(result.rowsByTable).toEqual(backup.rowsByTable);
    expect(result.keyStore).toEqual({ from: 'live-database', backupId: null, keys: keyStore.keys.length });
    restored = await adminClient(restoredUrl);
    expect(await keyIdsOf(restored, [a.organizationId, person.userId, b.organizationId])).toEqual(keptKeyIds);
    await expectShredded(restoredUrl, a, b);
    const dump = await dumpDatabase(restored);
    for (const canary of organizationCanaries(a)) expect(dump).toContain(canary);
    expect(dump).toContain(person.email);
    const { rows } = await restored.query(`select id from tenancy.organizations where id = $1`, [
      a.organizationId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('erases it again when the ledger is re-applied: none of its rows remain', async () => {
    const ledger = await newestLedger(blobStore, databaseUrl, logger);
    const result = await reapplyLedger({
      databaseUrl: restoredUrl,
      dbSecret: testEnvironment().dbSecret,
      ledger,
      blobStore,
      supergraphSdl: readSupergraph(),
      logger,
    });
    expect(result.applied.map((entry) => entry.deletionId)).toEqual([deletion.id, personDeletion.id]);
    const { rows } = await restored.query(`select id from tenancy.organizations where id = $1`, [
      a.organizationId,
    ]);
    expect(rows).toHaveLength(0);
    const { rows: users } = await restored.query(`select id from identity.users where id = $1`, [
      person.userId,
    ]);
    expect(users).toHaveLength(0);
    // Left only where the certificate says the deletion keeps it, as in the live database.
    const kept = tablesKeptBy(JSON.parse(deletion.certificate!.document) as CertifiedTypes);
    const dump = await dumpDatabase(restored);
    const live = await dumpDatabase(db);
    for (const canary of organizationCanaries(a)) {
      expect(tablesHolding(dump, canary).filter((table) => !kept.includes(table))).toEqual([]);
      expect(tablesHolding(dump, canary)).toEqual(tablesHolding(live, canary));
    }
    // The person's address: where the live database keeps it after their deletion, nowhere else.
    expect(tablesHolding(dump, person.email)).toEqual(tablesHolding(live, person.email));
    // The other organization is back whole: its rows in the same tables as in the live database
    // (its names are sealed under its key, so its id, not its canaries, finds them).
    // Outboxes and requests differ with time; the organization's own tables are the same.
    const ownTables = (tables: string[]) =>
      tables.filter((table) => /^(tenancy|identity)\./.test(table) && !table.endsWith('_outbox'));
    expect(ownTables(tablesHolding(dump, b.organizationId))).toEqual(
      ownTables(tablesHolding(live, b.organizationId)),
    );
    expect(tablesHolding(dump, b.organizationId)).toEqual(
      expect.arrayContaining(['audit.events', 'tenancy.memberships', 'tenancy.projects']),
    );
    // Recorded in the restored ledger: a second run has nothing to do.
    const again = await reapplyLedger({
      databaseUrl: restoredUrl,
      dbSecret: testEnvironment().dbSecret,
      ledger,
      blobStore,
      supergraphSdl: readSupergraph(),
      logger,
    });
    expect(again.applied).toEqual([]);
  });

  it('does both in one restore (npm run restore), from the blob store with no live database', async () => {
    const name = scratchName('full');
    let checkedBeforeLedger = false;
    const outcome = await restoreInto({
      serverUrl: databaseUrl,
      database: name,
      dbSecret: testEnvironment().dbSecret,
      blobStore,
      key: KEY,
      manifest: await readManifest(blobStore, backup.id),
      supergraphSdl: readSupergraph(),
      liveUrl: null,
      logger,
      // Loaded, the ledger not yet re-applied: the rows are back, the keys are not.
      afterLoad: async (targetUrl, restore) => {
        expect(restore.keyStore).toEqual({
          from: 'key-store-copy',
          backupId: backup.id,
          keys: expect.any(Number),
        });
        const client = await adminClient(targetUrl);
        try {
          expect(await keyIdsOf(client, [a.organizationId, person.userId, b.organizationId])).toEqual(
            keptKeyIds,
          );
        } finally {
          await client.end();
        }
        await expectShredded(targetUrl, a, b);
        checkedBeforeLedger = true;
      },
    });
    expect(checkedBeforeLedger).toBe(true);
    expect(outcome.ledger.applied.map((entry) => entry.deletionId)).toEqual([deletion.id, personDeletion.id]);
    const client = await adminClient(outcome.targetUrl);
    try {
      const { rows } = await client.query(
        `select count(*)::int as n from tenancy.projects where organization_id = $1`,
        [a.organizationId],
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('a backup whose dump holds data keys (taken before the key store was apart)', () => {
  it("restores without them: the newest key store is loaded, the dump's rows are skipped", async () => {
    const columns = ['id', 'subject_kind', 'subject_id', 'wrapped_key', 'created_at'];
    // The live keys, and a key the live store does not have (as a deleted subject's would be).
    const stale = randomUUID();
    const keysText =
      (await copyText(db, 'subject_keys.data_keys', columns)) +
      `${stale}\torganization\t${randomUUID()}\tstale-wrapped-key\t2026-01-01 00:00:00+00\n`;
    const older = await backupWithKeysInDump(keysText);
    try {
      const outcome = await restoreInto({
        serverUrl: databaseUrl,
        database: scratchName('older'),
        dbSecret: testEnvironment().dbSecret,
        blobStore,
        key: KEY,
        manifest: older,
        supergraphSdl: readSupergraph(),
        liveUrl: databaseUrl,
        logger,
      });
      const live = (await db.query<{ n: number }>(`select count(*)::int as n from subject_keys.data_keys`))
        .rows[0]!.n;
      expect(outcome.restore.skippedRowsByTable).toEqual({ 'subject_keys.data_keys': live + 1 });
      expect(outcome.restore.rowsByTable['subject_keys.data_keys']).toBeUndefined();
      expect(outcome.restore.rows).toBe(older.rows - live - 1);
      expect(outcome.restore.keyStore).toEqual({ from: 'live-database', backupId: null, keys: live });
      const client = await adminClient(outcome.targetUrl);
      try {
        const { rows } = await client.query<{ n: number; stale: number }>(
          `select count(*)::int as n, count(*) filter (where id = $1)::int as stale from subject_keys.data_keys`,
          [stale],
        );
        expect(rows[0]).toEqual({ n: live, stale: 0 });
      } finally {
        await client.end();
      }
    } finally {
      await blobStore.delete(backupManifestKey(older.id));
      await blobStore.delete(backupDataKey(older.id));
    }
  });
});

describe('what a restore refuses', () => {
  let backup: BackupManifest;
  const restoreAs = (name: string, key = KEY) =>
    restoreInto({
      serverUrl: databaseUrl,
      database: name,
      dbSecret: testEnvironment().dbSecret,
      blobStore,
      key,
      manifest: backup,
      supergraphSdl: readSupergraph(),
      liveUrl: null,
      logger,
    });
  const exists = async (name: string) =>
    (await db.query(`select 1 from pg_database where datname = $1`, [name])).rowCount === 1;

  beforeAll(async () => {
    backup = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
  });

  it('a corrupted dump: BACKUP_CORRUPT, and no database left behind', async () => {
    const path = join(blobDir, backupDataKey(backup.id));
    const original = readFileSync(path);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 100]! ^= 0xff;
    writeFileSync(path, flipped);
    try {
      const name = scratchName('corrupt');
      await expect(restoreAs(name)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
      expect(await exists(name)).toBe(false);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('a dump changed with its digest: BACKUP_UNAUTHENTIC (the GCM tag), nothing committed', async () => {
    const path = join(blobDir, backupDataKey(backup.id));
    const original = readFileSync(path);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 100]! ^= 0xff;
    writeFileSync(path, flipped);
    const { createHash } = await import('node:crypto');
    const forged = { ...backup, sha256: createHash('sha256').update(flipped).digest('hex') };
    try {
      const name = scratchName('forged');
      await expect(
        restoreInto({
          serverUrl: databaseUrl,
          database: name,
          dbSecret: testEnvironment().dbSecret,
          blobStore,
          key: KEY,
          manifest: forged,
          supergraphSdl: readSupergraph(),
          liveUrl: null,
          logger,
        }),
      ).rejects.toMatchObject({ code: 'BACKUP_UNAUTHENTIC' });
      expect(await exists(name)).toBe(false);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('another key: BACKUP_UNAUTHENTIC', async () => {
    await expect(restoreAs(scratchName('key'), Buffer.alloc(32, 9))).rejects.toMatchObject({
      code: 'BACKUP_UNAUTHENTIC',
    });
  });

  it('an existing database: DATABASE_EXISTS, and it is left alone', async () => {
    const name = new URL(databaseUrl).pathname.slice(1);
    await expect(restoreAs(name)).rejects.toMatchObject({ code: 'DATABASE_EXISTS' });
    expect(await exists(name)).toBe(true);
  });

  it('a tampered key-store copy: BACKUP_CORRUPT, with its digest forged BACKUP_UNAUTHENTIC', async () => {
    const path = join(blobDir, keyStoreCopyKey(backup.id));
    const manifestPath = join(blobDir, backupManifestKey(backup.id));
    const original = readFileSync(path);
    const originalManifest = readFileSync(manifestPath);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 30]! ^= 0x01;
    writeFileSync(path, flipped);
    try {
      expect((await newestManifest(blobStore))?.id).toBe(backup.id);
      const corrupt = scratchName('keys_corrupt');
      await expect(restoreAs(corrupt)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
      expect(await exists(corrupt)).toBe(false);
      const keyStore = { ...backup.keyStore!, sha256: createHash('sha256').update(flipped).digest('hex') };
      await writeManifest(blobStore, { ...backup, keyStore });
      const forged = scratchName('keys_forged');
      await expect(restoreAs(forged)).rejects.toMatchObject({ code: 'BACKUP_UNAUTHENTIC' });
      expect(await exists(forged)).toBe(false);
    } finally {
      writeFileSync(path, original);
      writeFileSync(manifestPath, originalManifest);
    }
  });

  it("a key-store copy under another backup's id, or offered as a dump: BACKUP_UNAUTHENTIC", async () => {
    const other = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
    const theirs = join(blobDir, keyStoreCopyKey(other.id));
    const theirDump = join(blobDir, backupDataKey(other.id));
    const ourDump = join(blobDir, backupDataKey(backup.id));
    const saved = [theirs, theirDump, join(blobDir, backupManifestKey(other.id)), ourDump].map((path) => ({
      path,
      bytes: readFileSync(path),
    }));
    const ours = readFileSync(join(blobDir, keyStoreCopyKey(backup.id)));
    const record = { sizeBytes: ours.length, sha256: createHash('sha256').update(ours).digest('hex') };
    try {
      copyFileSync(join(blobDir, keyStoreCopyKey(backup.id)), theirs);
      await writeManifest(blobStore, { ...other, keyStore: { ...other.keyStore!, ...record } });
      await expect(
        readKeyStoreCopy(blobStore, KEY, other.id, { ...other.keyStore!, ...record }),
      ).rejects.toMatchObject({ code: 'BACKUP_UNAUTHENTIC' });
      await expect(newestKeyStore({ blobStore, key: KEY, liveUrl: null, logger })).rejects.toMatchObject({
        code: 'BACKUP_UNAUTHENTIC',
      });
      for (const { path, bytes } of saved) writeFileSync(path, bytes);
      // Its own id, but where the dump goes: the header names another kind of file.
      copyFileSync(join(blobDir, keyStoreCopyKey(backup.id)), ourDump);
      const asDump = { ...backup, ...record };
      await expect(
        restoreInto({
          serverUrl: databaseUrl,
          database: scratchName('keys_as_dump'),
          dbSecret: testEnvironment().dbSecret,
          blobStore,
          key: KEY,
          manifest: asDump,
          supergraphSdl: readSupergraph(),
          liveUrl: databaseUrl,
          logger,
        }),
      ).rejects.toMatchObject({ code: 'BACKUP_UNAUTHENTIC' });
    } finally {
      for (const { path, bytes } of saved) writeFileSync(path, bytes);
    }
  });

  it('no live database and no key-store copy: KEY_STORE_NOT_FOUND', async () => {
    await expect(
      newestKeyStore({
        blobStore: localBlobStore(mkdtempSync(join(tmpdir(), 'steward-empty-'))),
        key: KEY,
        liveUrl: null,
        logger,
      }),
    ).rejects.toMatchObject({ code: 'KEY_STORE_NOT_FOUND' });
  });

  it('an unknown backup: BACKUP_NOT_FOUND', async () => {
    await expect(readManifest(blobStore, crypto.randomUUID())).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
  });
});

describe('each backup run', () => {
  it('purges every key-store copy of the keys the database says were destroyed', async () => {
    const older = (await newestManifest(blobStore))!;
    const { keys } = await readKeyStoreCopy(blobStore, KEY, older.id, older.keyStore);
    // As if a deletion's own purge had missed this copy: a destroyed key put back in it.
    const { rows } = await db.query<{ id: string }>(
      `select id::text from subject_keys.destroyed_keys limit 1`,
    );
    expect(rows).toHaveLength(1);
    const destroyed = { ...keys[0]!, id: rows[0]!.id };
    const record = await writeKeyStoreCopy(blobStore, KEY, older.id, [...keys, destroyed]);
    await writeManifest(blobStore, { ...older, keyStore: record });
    await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
    const manifest = await readManifest(blobStore, older.id);
    const after = await readKeyStoreCopy(blobStore, KEY, older.id, manifest.keyStore);
    expect(after.keys.map((row) => row.id)).toEqual(keys.map((row) => row.id));
    expect(manifest.keyStore!.keys).toBe(keys.length);
  });
});

describe('retention', () => {
  it('deletes a backup past BACKUP_RETENTION_DAYS, dump, manifest and key-store copy, and keeps the others', async () => {
    const old = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
    const fresh = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
    await db.query(`update lifecycle.backups set expires_at = now() - interval '1 second' where id = $1`, [
      old.id,
    ]);
    expect(await deleteExpiredBackups({ databaseUrl, blobStore, logger })).toEqual([old.id]);
    expect(await blobStore.get(backupDataKey(old.id))).toBeNull();
    expect(await blobStore.get(backupManifestKey(old.id))).toBeNull();
    expect(await blobStore.get(keyStoreCopyKey(old.id))).toBeNull();
    const keptCopy = await blobStore.get(keyStoreCopyKey(fresh.id));
    expect(keptCopy?.sizeBytes).toBe(fresh.keyStore!.sizeBytes);
    keptCopy?.body.destroy();
    const { rows } = await db.query<{ id: string; status: string }>(
      `select id, status from lifecycle.backups where id = any($1::uuid[]) order by status`,
      [[old.id, fresh.id]],
    );
    expect(rows).toEqual([
      { id: fresh.id, status: 'COMPLETED' },
      { id: old.id, status: 'DELETED' },
    ]);
    const kept = await blobStore.get(backupDataKey(fresh.id));
    expect(kept?.sizeBytes).toBe(fresh.sizeBytes);
    kept?.body.destroy();
  });

  it('a backup with zero days of retention is gone at the next pass', async () => {
    const zero = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 0, logger });
    expect(await deleteExpiredBackups({ databaseUrl, blobStore, logger })).toContain(zero.id);
  });
});

describe('the operator query', () => {
  const BACKUPS = /* GraphQL */ `
    query ($first: Int) {
      backups(first: $first) {
        id
        status
        sizeBytes
        sha256
        expiresAt
        snapshotAt
        ledgerEntries
      }
    }
  `;
  let backup: BackupManifest;

  beforeAll(async () => {
    backup = await runBackup({ databaseUrl, blobStore, key: KEY, retentionDays: 7, logger });
  });

  it('lists the backups to an operator, newest first, and records the read in the system chain', async () => {
    const { token, userId } = await operatorSession(stack, operatorEmail);
    const result = await stack.graphql<{ backups: Record<string, unknown>[] }>(BACKUPS, { first: 3 }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.backups[0]).toEqual({
      id: backup.id,
      status: 'COMPLETED',
      sizeBytes: backup.sizeBytes,
      sha256: backup.sha256,
      expiresAt: backup.expiresAt,
      snapshotAt: backup.snapshotAt,
      ledgerEntries: expect.any(Number),
    });
    const { rows } = await db.query(
      `select actor from audit.system_events where action = 'operator.backups.read' and actor = $1`,
      [userId],
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it("refuses an organization's admin (FORBIDDEN) and anyone signed out (UNAUTHENTICATED)", async () => {
    const asAdmin = await stack.graphql(BACKUPS, { first: 3 }, b.adminToken);
    expect(asAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asAdmin.data?.backups ?? null).toBeNull();
    const anonymous = await stack.graphql(BACKUPS, { first: 3 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

/** Runs one of the commands (`npm run <name>` is `node scripts/<name>.ts`) against this file's database. */
function command(name: string, args: string[] = []) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL(`../scripts/${name}.ts`, import.meta.url)), ...args],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        STEWARD_DB_SECRET: testEnvironment().dbSecret,
        STEWARD_BLOB_DIR: blobDir,
        STEWARD_BACKUP_KEY: KEY.toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exited };
}

describe('the commands', () => {
  it('npm run backup killed halfway: its record stays RUNNING, no manifest, never restorable', async () => {
    // Enough rows that the dump takes a while to write.
    await db.query(
      `insert into lifecycle.lifecycle_destructions (request_id, type, strategy)
       select gen_random_uuid(), 'Filler', 'ERASE' from generate_series(1, 400000)`,
    );
    try {
      const since = new Date();
      const { child, exited } = command('backup');
      const partial = await waitFor(
        async () =>
          readdirSync(join(blobDir, 'backups')).find((name) => name.endsWith('.partial')) || undefined,
        'a dump being written',
        30_000,
      );
      expect(partial).toBeDefined();
      child.kill('SIGKILL');
      await exited;
      const { rows } = await db.query<{ id: string; status: string }>(
        `select id::text, status from lifecycle.backups where started_at >= $1`,
        [since],
      );
      expect(rows).toEqual([{ id: expect.any(String), status: 'RUNNING' }]);
      const id = rows[0]!.id;
      expect(await blobStore.get(backupManifestKey(id))).toBeNull();
      expect(await blobStore.get(backupDataKey(id))).toBeNull();
      await expect(readManifest(blobStore, id)).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
      const newest = await newestManifest(blobStore);
      expect(newest?.id).not.toBe(id);
    } finally {
      await db.query(`delete from lifecycle.lifecycle_destructions where type = 'Filler'`);
    }
  });

  it('npm run restore refuses a tampered backup with its code (exit 2) and creates nothing', async () => {
    const backup = (await newestManifest(blobStore))!;
    const path = join(blobDir, backupDataKey(backup.id));
    const original = readFileSync(path);
    const flipped = Buffer.from(original);
    flipped[60]! ^= 0x01;
    writeFileSync(path, flipped);
    try {
      const name = scratchName('cli');
      const { code, stderr } = await command('restore', [backup.id, '--into', name]).exited;
      expect(code).toBe(2);
      expect(stderr).toContain('BACKUP_CORRUPT');
      expect((await db.query(`select 1 from pg_database where datname = $1`, [name])).rowCount).toBe(0);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('npm run restore-drill restores the newest backup, checks it and records the drill', async () => {
    const { code, stdout, stderr } = await command('restore-drill').exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const drill = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(drill).toMatchObject({
      passed: true,
      problems: [],
      backupId: (await newestManifest(blobStore))!.id,
    });
    expect(drill.auditChains).toBeGreaterThan(1);
    const { rows } = await db.query(
      `select passed, rto_ms, rpo_ms from lifecycle.restore_drills where id = $1`,
      [drill.id],
    );
    expect(rows).toEqual([{ passed: true, rto_ms: expect.any(String), rpo_ms: expect.any(String) }]);
    expect((await db.query(`select 1 from pg_database where datname = $1`, [drill.database])).rowCount).toBe(
      0,
    );
  });
});
