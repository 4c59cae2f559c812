import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import { subjectKindOf } from '../../../protocols/subject-data/subject-data.ts';
import type { BlobStore } from '../export/blob-store.ts';
import { Readable } from 'node:stream';

/**
 * One completed deletion, as the erasure ledger keeps it: ids and times only (no name, no
 * reason, no certificate text), so it may outlive the subject and travel beside every backup.
 */
export const LedgerEntry = z.object({
  deletionId: z.uuid(),
  subjectKind: z.enum(['organization', 'user', 'member']),
  organizationId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  /** The organizations the deletion covered (a person's audit events in each). */
  organizationIds: z.array(z.uuid()),
  certificateId: z.uuid(),
  completedAt: z.iso.datetime(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** Where the ledger's copy beside the database lives in the blob store: one file per deletion. */
export const LEDGER_PREFIX = 'erasure-ledger';
export const ledgerKeyOf = (deletionId: string) => `${LEDGER_PREFIX}/${deletionId}.json`;

export const subjectOfEntry = (entry: LedgerEntry): Subject =>
  entry.subjectKind === 'organization'
    ? { organizationId: entry.organizationId! }
    : entry.subjectKind === 'user'
      ? { userId: entry.userId! }
      : { organizationId: entry.organizationId!, userId: entry.userId! };

export function ledgerEntryOf(
  deletionId: string,
  subject: Subject,
  organizationIds: string[],
  certificateId: string,
  completedAt: Date,
): LedgerEntry {
  return {
    deletionId,
    subjectKind: subjectKindOf(subject),
    organizationId: subject.organizationId ?? null,
    userId: subject.userId ?? null,
    organizationIds: [...organizationIds].sort(),
    certificateId,
    completedAt: completedAt.toISOString(),
  };
}

/** Appends the entry in the caller's transaction (the deletion's completion): both or neither. */
export async function appendLedgerEntry(em: EntityManager, entry: LedgerEntry): Promise<void> {
  await em.execute(
    `insert into lifecycle.erasure_ledger
       (deletion_id, subject_kind, organization_id, user_id, organization_ids, certificate_id, completed_at)
     values (?, ?, ?, ?, ?::uuid[], ?, ?) on conflict (deletion_id) do nothing`,
    [
      entry.deletionId,
      entry.subjectKind,
      entry.organizationId,
      entry.userId,
      `{${entry.organizationIds.join(',')}}`,
      entry.certificateId,
      entry.completedAt,
    ],
  );
}

interface LedgerRow {
  deletion_id: string;
  subject_kind: LedgerEntry['subjectKind'];
  organization_id: string | null;
  user_id: string | null;
  organization_ids: string[];
  certificate_id: string;
  completed_at: Date;
}

export const LEDGER_SELECT = `select deletion_id, subject_kind, organization_id, user_id,
  organization_ids::text[] as organization_ids, certificate_id, completed_at
  from lifecycle.erasure_ledger order by completed_at, deletion_id`;

export const entryOfRow = (row: LedgerRow): LedgerEntry => ({
  deletionId: row.deletion_id,
  subjectKind: row.subject_kind,
  organizationId: row.organization_id,
  userId: row.user_id,
  organizationIds: row.organization_ids,
  certificateId: row.certificate_id,
  completedAt: new Date(row.completed_at).toISOString(),
});

/** Every entry, oldest first. */
export async function readLedger(em: EntityManager): Promise<LedgerEntry[]> {
  return (await em.execute<LedgerRow[]>(LEDGER_SELECT)).map(entryOfRow);
}

/**
 * The ledger's copy outside the database: written when the deletion completes and again by every
 * backup, so a database lost or restored from an older backup still finds every deletion.
 */
export async function storeLedgerEntry(blobStore: BlobStore, entry: LedgerEntry): Promise<void> {
  await blobStore.put(ledgerKeyOf(entry.deletionId), Readable.from([JSON.stringify(entry)]));
}

/** Every entry the blob store holds; a file that does not parse is an error, never skipped. */
export async function readStoredLedger(blobStore: BlobStore): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for (const key of await blobStore.list(LEDGER_PREFIX)) {
    const blob = await blobStore.get(key);
    if (!blob) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of blob.body) chunks.push(chunk as Buffer);
    const parsed = LedgerEntry.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) throw new Error(`Erasure ledger entry ${key} does not parse`);
    entries.push(parsed.data);
  }
  return entries;
}

/** Several ledgers as one, each deletion once, oldest first. */
export function mergeLedgers(...ledgers: LedgerEntry[][]): LedgerEntry[] {
  const byId = new Map<string, LedgerEntry>();
  for (const entry of ledgers.flat()) if (!byId.has(entry.deletionId)) byId.set(entry.deletionId, entry);
  return [...byId.values()].sort(
    (a, b) => a.completedAt.localeCompare(b.completedAt) || a.deletionId.localeCompare(b.deletionId),
  );
}
