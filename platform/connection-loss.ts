import pg from 'pg';

type OnError = (error: Error) => void;

/**
 * Makes a pool's lost connections cost what they interrupt, never the process nor the pool.
 * pg-pool hears a connection's errors only while it sits idle (then as the pool's 'error'). A client
 * checked out (a transaction between two statements, a lock held for a job) whose connection the
 * server ends (a restart, a failover, pg_terminate_backend) emits 'error' with nobody listening,
 * and an unheard 'error' ends the process. And its holder may never give it back: Kysely (under
 * MikroORM) releases a transaction's connection only after its COMMIT or ROLLBACK succeeds, which
 * on a dead connection they cannot, so each connection lost mid-transaction took a pool slot for
 * good (a pool of 10 after a failover with 10 transactions open served nothing again).
 * So each client gets a listener of its own at its first checkout: `onError` hears the loss once,
 * wherever the client is, and a checked-out client is handed back to the pool as broken at once
 * (the pool closes it and opens another when asked); its holder's later release does nothing.
 */
export function surviveConnectionLoss(pool: pg.Pool, onError: OnError): pg.Pool {
  const guarded = new WeakSet<pg.PoolClient>();
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('error', onError);
  pool.on('acquire', (client) => {
    checkedOut.add(client);
    if (guarded.has(client)) return;
    guarded.add(client);
    // Heard once per loss: the server's notice and then the socket's end are both errors.
    client.on('error', (error: Error) => {
      if (!checkedOut.has(client)) return;
      onError(error);
      // pg errors every query in flight before it emits: nothing waits on this client any more.
      const release = client.release;
      client.release = () => undefined;
      release.call(client, error);
    });
  });
  pool.on('release', (_error, client) => checkedOut.delete(client));
  return pool;
}

/** The same for a client of its own (a backup's, a restore's): the loss fails its work, not the process. */
export function onConnectionLoss<T extends pg.Client>(client: T, onError: OnError): T {
  client.on('error', onError);
  return client;
}

/**
 * An error on a client its owner is already closing, with every listener removed, is news to no
 * one: pg-boss's LISTEN connection, lost, drops its listeners and ends itself, and the server's
 * FATAL notice (a restart, a failover) can still arrive and be emitted with nobody to hear it,
 * which would end the process (seen in CI: audit's queue, application_name pgboss). Such an
 * error is dropped; every other unheard error stays fatal, as Node makes it.
 */
const emit = pg.Client.prototype.emit;
pg.Client.prototype.emit = function (this: pg.Client, event: string | symbol, ...args: unknown[]) {
  const closing = (this as unknown as { _ending?: boolean })._ending === true;
  if (event === 'error' && closing && this.listenerCount('error') === 0) return false;
  return emit.call(this, event, ...args);
} as typeof emit;
