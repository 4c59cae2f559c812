import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keyRange, physicalRange, type BatchQuery } from '../subgraphs/kit/lifecycle/destroy-batch.ts';
import type { DestroyPlan } from '../subgraphs/kit/lifecycle/destroy-plan.ts';
import { adminClient } from './support/stack.ts';

// Deletion's batches, on a real table: every row of the subject goes, through any number of
// batches, and no row of another; a row an update moves behind the cursor is still caught.

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
  keyColumn: 'id',
  columns: [],
  asRelay: false,
  whereOf: () => 'organization_id = ?',
};

/** A row address's page and line, comparable. */
const tidOf = (tid: string) => tid.slice(1, -1).split(',').map(Number) as [number, number];
const before = (a: string, b: string) => {
  const [pa, la] = tidOf(a);
  const [pb, lb] = tidOf(b);
  return pa < pb || (pa === pb && la < lb);
};

const countOf = async (organizationId: string) =>
  Number(
    (await db.query(`select count(*) from ${table} where organization_id = $1`, [organizationId])).rows[0]
      .count,
  );

/** Runs batches as the destroy route does, `between` after each one; answers their sizes. */
async function eraseAll(
  choose: (query: BatchQuery) => ReturnType<typeof physicalRange>,
  between: (batch: number, cursor: string) => Promise<void> = async () => {},
) {
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let batch = 0; batch < 1000; batch++) {
    const range = await choose({
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
    await between(batch, cursor);
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
  it.each([
    ['physical order', physicalRange],
    ['key order', keyRange],
  ])("in %s, erase every row of the subject and none of another's", async (_order, choose) => {
    await seed();
    const sizes = await eraseAll(choose);
    expect(await countOf(subjectA)).toBe(0);
    expect(await countOf(subjectB)).toBe(1000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(10);
  });

  it('in physical order, catch a row an update moved behind the cursor', async () => {
    await seed();
    let moved: { after: string; cursor: string } | null = null;
    await eraseAll(physicalRange, async (batch, cursor) => {
      if (batch !== 2) return;
      // The space of the rows deleted so far becomes free; an update too large for its own full
      // page puts the row's new version there, behind the cursor.
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
      expect(before(cursor, rows[0]!.before)).toBe(true);
      moved = { after: rows[0]!.after, cursor };
    });
    // The setup did what it says: the new version lies behind the cursor of the time.
    expect(moved).not.toBeNull();
    expect(before(moved!.after, moved!.cursor)).toBe(true);
    expect(await countOf(subjectA)).toBe(0);
    expect(await countOf(subjectB)).toBe(1000);
  });
});
