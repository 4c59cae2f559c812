/**
 * A query operation's reads run outside a transaction, each carrying its tenant settings
 * (subgraphs/runtime/scoped-reads.ts). Here, on tenancy's runtime role (RLS forced) and a pool of
 * ONE connection: the settings hold for the read that carries them and for nothing after it;
 * another tenant's rows stay invisible; the first write opens the real transaction, whose end
 * commits or rolls back as before.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { initOrm, RequestTransaction } from '../subgraphs/runtime/orm.ts';
import { needsScope, readsAlone } from '../subgraphs/runtime/scoped-reads.ts';
import { adminClient } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

let orm: MikroORM;
let db: pg.Client;
const mine = randomUUID();
const theirs = randomUUID();

beforeAll(async () => {
  const env = testEnvironment();
  orm = await initOrm({
    subgraph: 'tenancy',
    clientUrl: urlForRole(env.databaseUrl, rolesOf('tenancy').runtime, env.dbSecret),
    entities: [],
    migrations: [],
    poolMax: 1,
  });
  db = await adminClient();
  for (const id of [mine, theirs])
    await db.query(`insert into tenancy.organizations (id, name, region) values ($1, $2, 'eu')`, [
      id,
      `Scoped ${id.slice(0, 8)}`,
    ]);
});

afterAll(async () => {
  await db?.query(`delete from tenancy.organizations where id = any($1::uuid[])`, [[mine, theirs]]);
  await db?.end();
  await orm?.close(true);
});

const reading = async (tenantIds: string[]) => {
  const tx = new RequestTransaction(orm, { tenantIds, userId: null });
  await tx.begin({ readsOnly: true });
  return tx;
};
const organizationIds = async (tx: RequestTransaction) =>
  (await tx.em.execute<{ id: string }[]>('select id from tenancy.organizations')).map((row) => row.id);
const settingOnTheConnection = async () =>
  (
    await orm.em
      .getConnection()
      .execute<{ value: string | null }[]>(`select current_setting('app.tenant_ids', true) as value`)
  )[0]!.value;

describe('reads outside a transaction', () => {
  test('see their own tenant only, and leave no setting on the pooled connection', async () => {
    const tx = await reading([mine]);
    expect(await organizationIds(tx)).toEqual([mine]);
    // The one connection of the pool served that read: its setting ended with it.
    expect([null, '']).toContain(await settingOnTheConnection());
    await tx.end(true);
    const none = await reading([]);
    expect(await organizationIds(none)).toEqual([]);
    await none.end(true);
  });

  test('a widened scope applies to the next read, without a statement of its own', async () => {
    const tx = await reading([mine]);
    await tx.extendScope({ tenantIds: [theirs] });
    expect((await organizationIds(tx)).sort()).toEqual([mine, theirs].sort());
    await tx.end(true);
  });

  test('the first write opens the transaction: rolled back with a failing request, kept with a good one', async () => {
    const rename = (tx: RequestTransaction, name: string) =>
      tx.em.execute(`update tenancy.organizations set name = ? where id = ?`, [name, mine]);
    const failing = await reading([mine]);
    await rename(failing, 'Rolled back');
    // Inside its transaction the write is seen; the pool's only connection is held by it.
    expect(
      (await failing.em.execute<{ name: string }[]>(`select name from tenancy.organizations`))[0]!.name,
    ).toBe('Rolled back');
    await failing.end(false);
    const name = async () =>
      (await db.query<{ name: string }>(`select name from tenancy.organizations where id = $1`, [mine]))
        .rows[0]!.name;
    expect(await name()).toBe(`Scoped ${mine.slice(0, 8)}`);
    const good = await reading([mine]);
    await rename(good, 'Kept');
    await good.end(true);
    expect(await name()).toBe('Kept');
    // Another tenant's row cannot be written from this scope (RLS), transaction or not.
    const other = await reading([mine]);
    await other.em.execute(`update tenancy.organizations set name = 'Taken' where id = ?`, [theirs]);
    await other.end(true);
    const theirName = await db.query<{ name: string }>(
      `select name from tenancy.organizations where id = $1`,
      [theirs],
    );
    expect(theirName.rows[0]!.name).toBe(`Scoped ${theirs.slice(0, 8)}`);
  });

  test('only reads of tables without row-level security go without the settings', () => {
    const open = new Set(['identity.users']);
    expect(needsScope('select "u0".* from "identity"."users" as "u0" where "u0"."id" in (1)', open)).toBe(
      false,
    );
    for (const sql of [
      'select "o0".* from "tenancy"."organizations" as "o0"',
      'select * from "identity"."users" u join "identity"."sessions" s on s.user_id = u.id',
      'select * from identity.users',
      'select * from "identity"."users" where id in (select user_id from tenancy.memberships)',
      'select * from "identity"."users" where current_setting(\'app.user_id\', true) = \'\'',
      'select 1',
    ])
      expect(needsScope(sql, open)).toBe(true);
  });

  test('only plain reads run alone', () => {
    expect(readsAlone('select "o0".* from "tenancy"."organizations" as "o0"')).toBe(true);
    for (const sql of [
      'update tenancy.organizations set name = 1',
      'with x as (delete from t returning *) select * from x',
      'select id from tenancy.organizations where id = 1 for no key update',
      'select id from t for share',
      "select set_config('app.tenant_ids', '', true)",
      'select txid_current_if_assigned()::text as xid',
      'select pg_advisory_xact_lock(1)',
      "select nextval('s')",
      'insert into t values (1)',
    ])
      expect(readsAlone(sql)).toBe(false);
  });
});
