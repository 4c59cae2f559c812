/**
 * The database ending a connection that is checked out of a pool (a restart or a failover while a
 * transaction waits between two statements) costs that transaction, never the process
 * (platform/connection-loss.ts). Without a listener of its own, such a client's 'error' is unheard
 * and Node ends the process: here that is an uncaught exception, and the test fails. A LISTEN
 * connection (subgraphs/runtime/notifications.ts) comes back by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { surviveConnectionLoss } from '../platform/connection-loss.ts';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createLogger } from '../platform/logger.ts';
import { listenForNotifications } from '../subgraphs/runtime/notifications.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import { waitFor } from './support/audit-helpers.ts';
import { adminClient } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

let admin: pg.Client;
beforeAll(async () => {
  admin = await adminClient();
});
afterAll(async () => {
  await admin?.end();
});

const terminate = async (pid: number) => {
  const { rows } = await admin.query<{ ended: boolean }>('select pg_terminate_backend($1) as ended', [pid]);
  expect(rows[0]!.ended).toBe(true);
  // The server's notice reaches the client's socket a moment later.
  await new Promise((resolve) => setTimeout(resolve, 300));
};

describe('a pooled connection lost while checked out', () => {
  it('is heard once, fails only what used it, and the pool goes on with another', async () => {
    const pool = new pg.Pool({ connectionString: testEnvironment().databaseUrl, max: 1 });
    const heard: Error[] = [];
    surviveConnectionLoss(pool, (error) => void heard.push(error));
    try {
      const client = await pool.connect();
      await client.query('begin');
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      await terminate(rows[0]!.pid);
      expect(heard.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
      await expect(client.query('select 1')).rejects.toThrow(/not queryable|terminat/);
      client.release(true);
      // Its one connection is gone: the next query gets a new one.
      expect((await pool.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      expect(heard).toHaveLength(1);
      expect(pool.totalCount).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('the ORM: a transaction whose connection ends fails, and the next one works', async () => {
    const env = testEnvironment();
    const lost: Error[] = [];
    const orm: MikroORM = await initOrm({
      subgraph: 'tenancy',
      clientUrl: urlForRole(env.databaseUrl, rolesOf('tenancy').runtime, env.dbSecret),
      entities: [],
      migrations: [],
      poolMax: 1,
      onConnectionLost: (error) => void lost.push(error),
    });
    try {
      const outcome = await orm.em
        .fork()
        .transactional(async (em) => {
          const [row] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
          await terminate(row!.pid);
          await em.execute('select 1');
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      expect(outcome).toMatch(/not queryable|terminat/);
      expect(lost).toHaveLength(1);
      const [again] = await orm.em.fork().execute<{ one: number }[]>('select 1 as one');
      expect(again).toEqual({ one: 1 });
    } finally {
      await orm.close(true);
    }
  });

  it('a LISTEN connection lost comes back (one listener), and its notifications with it', async () => {
    const channel = `steward_loss_${Date.now()}`;
    const listeners = async () =>
      (
        await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity where query = $1 and datname = current_database()`,
          [`listen "${channel}"`],
        )
      ).rows;
    let notified = 0;
    const listener = listenForNotifications(
      testEnvironment().databaseUrl,
      channel,
      createLogger('test', 'silent'),
      () => void notified++,
    );
    try {
      const [first] = await waitFor(
        async () => ((await listeners()).length ? listeners() : undefined),
        'listening',
      );
      await terminate(first!.pid);
      // It reconnects after 5 s, once.
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      const after = await listeners();
      expect(after).toHaveLength(1);
      expect(after[0]!.pid).not.toBe(first!.pid);
      await admin.query(`select pg_notify($1, '')`, [channel]);
      await waitFor(async () => notified > 0 || undefined, 'the notification after the reconnect', 5_000);
    } finally {
      await listener.close();
    }
  }, 30_000);

  it("a closing client's last error, unheard, is dropped; any other unheard error stays fatal", () => {
    // pg-boss's lost LISTEN connection: listeners removed, end() called, then the server's notice.
    const closing = new pg.Client({ connectionString: testEnvironment().databaseUrl });
    (closing as unknown as { _ending: boolean })._ending = true;
    expect(closing.emit('error', new Error('terminating connection'))).toBe(false);
    const open = new pg.Client({ connectionString: testEnvironment().databaseUrl });
    expect(() => open.emit('error', new Error('terminating connection'))).toThrow('terminating connection');
  });
});
