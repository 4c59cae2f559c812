import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keyRange } from '../subgraphs/protocols/subject-data/destroy-batch.ts';
import type { DestroyPlan } from '../subgraphs/protocols/subject-data/destroy-plan.ts';
import { adminClient } from './support/stack.ts';

// Deletion's batches (a keyset by id), on a real table: every row of the subject goes, through
// any number of batches, and no row of another; a row an update moves mid-deletion still goes.

const schema = `destroy_batch_${randomUUID().slice(0, 8)}`;
const table = `"${schema}".items`;
const subjectA = randomUUID();
const subjectB = randomUUID();
let db: pg.Client;

/** MikroORM's `?` placeholders as pg's `$n`. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The slice of an EntityManager the batches use, over one pg client. */
const em = {
  execute: async (sql: string, params: unknown[] = []) => (await db.query(numbered(sql), params)).rows,
} as unknown as EntityManager;

const plan: DestroyPlan = {
  name: 'Item',
  table,
  strategy: 'ERASE',
  retention: [],
  keyColumn: 'id',
  columns: [],
  asRelay: false,
  whereOf: () => 'organization_id = ?',
};

const countOf = async (organizationId: string) =>
  Number(
    (await db.query(`select count(*) from ${table} where organization_id = $1`, [organizationId])).rows[0]
      .count,
  );

/** The page of a row address. */
const pageOf = (tid: string) => Number(tid.slice(1).split(',')[0]);

/** Runs batches as the destroy route does, `between` after each one; answers their sizes. */
async function eraseAll(between: (batch: number) => Promise<void> = async () => {}) {
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let batch = 0; batch < 1000; batch++) {
    const range = await keyRange({
      em,
      plan,
      where: 'organization_id = ?',
      subjectId: subjectA,
      cursor,
      batchSize: 100,
    });
    const deleted = await db.query(numbered(`delete from ${table} where ${range.condition}`), range.params);
    sizes.push(deleted.rowCount ?? 0);
    if (range.next === null) return sizes;
    cursor = range.next;
    await between(batch);
  }
  throw new Error('no last batch');
}

async function seed() {
  await db.query(`truncate ${table}`);
  // Interleaved, so that both subjects' rows share every page.
  await db.query(
    `insert into ${table} (id, organization_id, label)
     select gen_random_uuid(), case when i % 2 = 0 then $1::uuid else $2::uuid end, 'row ' || i
       from generate_series(1, 2000) i`,
    [subjectA, subjectB],
  );
}

beforeAll(async () => {
  db = await adminClient();
  await db.query(`create schema "${schema}"`);
  // autovacuum off: the test decides when the freed space becomes reusable.
  await db.query(
    `create table ${table} (id uuid primary key, organization_id uuid not null, label text)
       with (autovacuum_enabled = false)`,
  );
});

afterAll(async () => {
  await db.query(`drop schema "${schema}" cascade`);
  await db.end();
});

describe('deletion batches', () => {
  it("erase every row of the subject and none of another's", async () => {
    await seed();
    const sizes = await eraseAll();
    expect(await countOf(subjectA)).toBe(0);
    expect(await countOf(subjectB)).toBe(1000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
  });

  it('erase a row an update moved to another page mid-deletion', async () => {
    await seed();
    let moved: { before: string; after: string } | null = null;
    await eraseAll(async (batch) => {
      if (batch !== 2) return;
      // The space of the rows deleted so far becomes free; an update too large for its own full
      // page puts the row's new version elsewhere.
      await db.query(`vacuum ${table}`);
      const { rows } = await db.query<{ before: string; after: string }>(
        `with target as (
           select id, ctid from ${table}
            where organization_id = $1
              and (ctid::text::point)[0] < (select max((ctid::text::point)[0]) from ${table})
            order by ctid desc limit 1)
         update ${table} t set label = repeat('moved', 380) from target
          where t.id = target.id returning target.ctid::text as before, t.ctid::text as after`,
        [subjectA],
      );
      moved = rows[0]!;
    });
    // The setup did what it says: the row's new version is on another page.
    expect(moved).not.toBeNull();
    expect(pageOf(moved!.after)).not.toBe(pageOf(moved!.before));
    expect(await countOf(subjectA)).toBe(0);
    expect(await countOf(subjectB)).toBe(1000);
  });
});
