import pg from 'pg';
import type { KeyEncryptionKey } from '../../platform/crypto/key-encryption-key.ts';
import {
  createContentSealer,
  isSealedContent,
  type FieldPlace,
} from '../../platform/crypto/sealed-content.ts';
import { createSubjectKeyStore } from '../../platform/crypto/subject-key-store.ts';
import { SubjectKeyDestroyedError, type Subject } from '../../platform/crypto/subject-keys.ts';
import { rolesOf, urlForRole } from '../../platform/database.ts';
import { organizationNamePlace, projectNamePlace } from '../../subgraphs/tenancy/src/sealed-names.ts';
import { displayNamePlace } from '../../subgraphs/identity/src/user/display-name.ts';

/** One SHRED column: its rows, the subject whose key seals them, their place. */
interface ShredColumn {
  table: string;
  column: string;
  subject: (row: { id: string; owner: string }) => Subject;
  owner: string;
  place: (id: string) => FieldPlace;
}

const COLUMNS: ShredColumn[] = [
  {
    table: 'tenancy.organizations',
    column: 'name',
    owner: 'id',
    subject: (row) => ({ kind: 'organization', id: row.owner }),
    place: organizationNamePlace,
  },
  {
    table: 'tenancy.projects',
    column: 'name',
    owner: 'organization_id',
    subject: (row) => ({ kind: 'organization', id: row.owner }),
    place: projectNamePlace,
  },
  {
    table: 'identity.users',
    column: 'display_name',
    owner: 'id',
    subject: (row) => ({ kind: 'person', id: row.owner }),
    place: displayNamePlace,
  },
];

/**
 * Seals the SHRED values stored in clear before sealing began (`npm run seal-backfill`). Each row
 * is updated only if it still holds the value read (a concurrent write wins), so it can run while
 * Steward serves. Keys are read and created as lifecycle's runtime role (it may for every subject);
 * the rows are read and written as DATABASE_URL's user. Rerunnable: sealed rows are skipped.
 */
export async function sealBackfill(
  databaseUrl: string,
  dbSecret: string,
  keyEncryptionKey: KeyEncryptionKey,
): Promise<Record<string, number>> {
  const keyPool = new pg.Pool({
    connectionString: urlForRole(databaseUrl, rolesOf('lifecycle').runtime, dbSecret),
    max: 2,
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const sealer = createContentSealer(createSubjectKeyStore({ pool: keyPool, keyEncryptionKey }));
    const sealed: Record<string, number> = {};
    for (const shred of COLUMNS) {
      const { rows } = await db.query<{ id: string; owner: string; value: string }>(
        `select id::text, ${shred.owner}::text as owner, ${shred.column} as value from ${shred.table}
          where ${shred.column} is not null`,
      );
      let count = 0;
      for (const row of rows.filter((r) => !isSealedContent(r.value))) {
        const value = await sealer
          .sealField(shred.subject(row), row.value, shred.place(row.id))
          .catch((error: unknown) => {
            // A subject being deleted: its rows go with it, nothing to seal.
            if (error instanceof SubjectKeyDestroyedError) return null;
            throw error;
          });
        if (value === null) continue;
        const updated = await db.query(
          `update ${shred.table} set ${shred.column} = $1 where id = $2 and ${shred.column} = $3`,
          [value, row.id, row.value],
        );
        count += updated.rowCount ?? 0;
      }
      sealed[`${shred.table}.${shred.column}`] = count;
    }
    return sealed;
  } finally {
    await db.end();
    await keyPool.end();
  }
}
