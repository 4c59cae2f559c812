import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from 'node:http';
import pg from 'pg';
import { BACKGROUND_HEADER } from '../../platform/background.ts';

/**
 * Counts the SQL statements this process sends to PostgreSQL, exactly, at the driver: every
 * statement (MikroORM's, the job queue's, a LISTEN connection's) goes through pg's Client#query, which is
 * wrapped here before anything connects. A statement issued while serving an HTTP request (every
 * node:http server's `request` event runs in an AsyncLocalStorage scope) counts as a request's;
 * anything else (job polling, the outbox relay woken by NOTIFY, and the requests that audit
 * deliveries make, marked with BACKGROUND_HEADER) counts as background. Request
 * statements are also counted by the port of the server that received the request.
 */
export function countSqlStatements() {
  const counts = { request: 0, background: 0, byPort: {} as Record<number, number> };
  const scope = new AsyncLocalStorage<number>();
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    // Audit deliveries (and what they cause) are marked: they count as background work.
    const headers = (args[0] as { headers?: Record<string, unknown> } | undefined)?.headers;
    if (headers?.[BACKGROUND_HEADER]) return emit.call(this, event, ...args);
    const address = this.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    return scope.run(port, () => emit.call(this, event, ...args));
  } as typeof Server.prototype.emit;
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const port = scope.getStore();
    if (port === undefined) counts.background++;
    else {
      counts.request++;
      counts.byPort[port] = (counts.byPort[port] ?? 0) + 1;
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return counts;
}
