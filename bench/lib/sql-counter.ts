import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from 'node:http';
import pg from 'pg';
import { BACKGROUND_HEADER } from '../../platform/background.ts';
import { REQUEST_ID_HEADER } from '../../platform/principal.ts';

/** What a statement does: transaction control, a setting (set_config, SET), or a query. */
export type StatementKind = 'transaction' | 'settings' | 'queries';
export const STATEMENT_KINDS: StatementKind[] = ['transaction', 'settings', 'queries'];

const TRANSACTION = /^(begin|start transaction|commit|rollback|savepoint|release|end)\b/i;
const SETTINGS = /^(set|reset)\b|^select\s+set_config\(/i;

export function kindOf(statement: string): StatementKind {
  const text = statement.trim();
  if (TRANSACTION.test(text)) return 'transaction';
  return SETTINGS.test(text) ? 'settings' : 'queries';
}

/**
 * The statements of one round trip: a parameterless query may hold several, separated by
 * semicolons (the simple query protocol), as Steward's transaction opening does.
 */
export function statementsOf(text: string): string[] {
  return text
    .split(/;\s*(?=\S)/)
    .map((part) => part.trim().replace(/;$/, ''))
    .filter(Boolean);
}

export interface SqlCounts {
  /** Round trips (pg Client#query calls) while serving requests, and outside any. */
  request: number;
  background: number;
  /** Request round trips by the port of the server that received the request. */
  byPort: Record<number, number>;
  /** Request statements by port and kind (a round trip may carry more than one statement). */
  kindsByPort: Record<number, Record<StatementKind, number>>;
  /**
   * When recording: every request statement's text, by port, with the `x-request-id` its request
   * carried (the gateway's id for the request it forwards to a subgraph) and the number of its
   * round trip (statements sent together share one), for tests and investigation.
   */
  log: { port: number; requestId: string | undefined; roundTrip: number; text: string }[] | null;
}

/**
 * Counts the SQL statements this process sends to PostgreSQL, exactly, at the driver: every
 * statement (MikroORM's, the job queue's, a LISTEN connection's) goes through pg's Client#query, which is
 * wrapped here before anything connects. A statement issued while serving an HTTP request (every
 * node:http server's `request` event runs in an AsyncLocalStorage scope) counts as a request's;
 * anything else (job polling, the outbox relay woken by NOTIFY, and the requests that audit
 * deliveries make, marked with BACKGROUND_HEADER) counts as background. Request
 * statements are also counted by the port of the server that received the request, and by kind.
 * Returns the counters and a function that undoes the wrapping.
 */
export function countSqlStatements(options: { record?: boolean } = {}): SqlCounts & { restore(): void } {
  const counts: SqlCounts = { request: 0, background: 0, byPort: {}, kindsByPort: {}, log: null };
  if (options.record) counts.log = [];
  const scope = new AsyncLocalStorage<{ port: number; requestId: string | undefined }>();
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    // Audit deliveries (and what they cause) are marked: they count as background work.
    const headers = (args[0] as { headers?: Record<string, unknown> } | undefined)?.headers;
    if (headers?.[BACKGROUND_HEADER]) return emit.call(this, event, ...args);
    const address = this.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    const requestId = headers?.[REQUEST_ID_HEADER];
    return scope.run({ port, requestId: typeof requestId === 'string' ? requestId : undefined }, () =>
      emit.call(this, event, ...args),
    );
  } as typeof Server.prototype.emit;
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const request = scope.getStore();
    if (request === undefined) counts.background++;
    else {
      const { port, requestId } = request;
      counts.request++;
      counts.byPort[port] = (counts.byPort[port] ?? 0) + 1;
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
      const kinds = (counts.kindsByPort[port] ??= { transaction: 0, settings: 0, queries: 0 });
      for (const statement of statementsOf(text)) {
        kinds[kindOf(statement)]++;
        counts.log?.push({ port, requestId, roundTrip: counts.request, text: statement });
      }
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    ...counts,
    get request() {
      return counts.request;
    },
    get background() {
      return counts.background;
    },
    restore() {
      Server.prototype.emit = emit as typeof Server.prototype.emit;
      pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    },
  };
}
