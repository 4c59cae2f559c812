import pg from 'pg';
import type { MikroORM, Transaction } from '@mikro-orm/postgresql';
import { TENANT_SETTING, USER_SETTING } from './tenant-isolation.ts';

/**
 * A read that may run on its own, outside a transaction: a SELECT that locks nothing, sets
 * nothing and draws no sequence or transaction id. Anything else (a write, `for update`, a
 * set_config, a CTE that could hide a write) needs the request's real transaction.
 */
const READ = /^\s*select\b/i;
const NOT_ALONE =
  /\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b|set_config\s*\(|nextval\s*\(|setval\s*\(|pg_advisory|txid_current|pg_current_xact_id|pg_notify\s*\(/i;
export const readsAlone = (sql: string) => READ.test(sql) && !NOT_ALONE.test(sql);

const RELATION = /\b(?:from|join)\s+("(\w+)"\."(\w+)")?/gi;

/**
 * Whether a read needs the tenant settings: unless every relation it names (after FROM or JOIN)
 * is a schema-qualified table known to have no row-level security, and nothing in it reads a
 * setting. Wrong either way is fail-closed: a read of a protected table without its settings
 * sees no tenant rows at all.
 */
export function needsScope(sql: string, openTables: ReadonlySet<string>): boolean {
  if (/current_setting/i.test(sql)) return true;
  let named = false;
  for (const match of sql.matchAll(RELATION)) {
    if (!match[1] || !openTables.has(`${match[2]}.${match[3]}`)) return true;
    named = true;
  }
  return !named;
}

/** Per connection pool, once: the tables of the database without row-level security. */
const openTablesOf = new WeakMap<pg.Pool, Promise<Set<string>>>();
function openTables(pool: pg.Pool): Promise<Set<string>> {
  let tables = openTablesOf.get(pool);
  if (!tables) {
    tables = pool
      .query<{ name: string }>(
        `select n.nspname || '.' || c.relname as name from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and not c.relrowsecurity`,
      )
      .then(({ rows }) => new Set(rows.map((row) => row.name)));
    // A failed lookup is asked again next time (and every read carries its settings meanwhile).
    tables.catch(() => openTablesOf.delete(pool));
    openTablesOf.set(pool, tables);
  }
  return tables;
}

/** The settings row-level security reads, as one statement with literal values. */
export function scopeSettingsSql(tenantIds: readonly string[], userId: string | null): string {
  const literal = (value: string) => pg.escapeLiteral(value);
  return (
    `select set_config('${TENANT_SETTING}', ${literal(tenantIds.join(','))}, true), ` +
    `set_config('${USER_SETTING}', ${literal(userId ?? '')}, true)`
  );
}

type Settings = () => { tenantIds: readonly string[]; userId: string | null };
/** What MikroORM hands its transaction context: Kysely's compiled query (SQL with values inlined). */
interface CompiledQuery {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Stands in for the request's transaction while a GraphQL query only reads (MikroORM's
 * transaction context: every statement of the request's EntityManager comes here). A read goes
 * to the pool as one round trip that carries its own tenant settings — `select set_config(…);
 * select …` in one simple-protocol message, which PostgreSQL runs as one implicit transaction, so
 * the settings hold for that read and end with it: row-level security applies exactly as inside
 * a transaction, and no connection keeps a scope. The first statement that is not such a read
 * opens the real transaction (BEGIN and the settings, as before) and everything after it runs there.
 * A read of tables without row-level security (identity's users) goes without the settings.
 * Reads of READ COMMITTED see a fresh snapshot per statement either way.
 */
export class ScopedReads {
  private transaction: Promise<Transaction> | null = null;
  private readonly orm: MikroORM;
  private readonly settings: Settings;
  private readonly pool: Promise<pg.Pool>;

  constructor(orm: MikroORM, settings: Settings) {
    this.orm = orm;
    this.settings = settings;
    this.pool = orm.em.getConnection().getNativeClient();
  }

  /** Whether a statement needed the real transaction (then end() commits or rolls it back). */
  get opened(): boolean {
    return this.transaction !== null;
  }

  async executeQuery(compiled: CompiledQuery): Promise<{ rows: unknown[] }> {
    if (this.transaction || !readsAlone(compiled.sql) || compiled.parameters.length) {
      const transaction: Transaction = await this.open();
      return transaction.executeQuery(compiled);
    }
    const { tenantIds, userId } = this.settings();
    const pool = await this.pool;
    const open = await openTables(pool).catch(() => new Set<string>());
    if (!needsScope(compiled.sql, open)) return { rows: (await pool.query(compiled.sql)).rows };
    // Two statements in one message: pg answers with a result for each; the read's is the last.
    const results: pg.QueryResult | pg.QueryResult[] = await pool.query(
      `${scopeSettingsSql(tenantIds, userId)}; ${compiled.sql}`,
    );
    const last = Array.isArray(results) ? results.at(-1) : results;
    return { rows: last?.rows ?? [] };
  }

  /** MikroORM's nested transactions (savepoints) live in the real transaction. */
  savepoint(name: string) {
    return {
      execute: async () => {
        const transaction: Transaction = await this.open();
        return transaction.savepoint(name).execute();
      },
    };
  }

  getExecutor() {
    throw new Error('streaming in a read-only request needs a transaction: not supported');
  }

  /** Ends the real transaction if one was opened. */
  async end(commit: boolean): Promise<void> {
    if (!this.transaction) return;
    const transaction: Transaction = await this.transaction;
    this.transaction = null;
    const connection = this.orm.em.getConnection();
    if (commit) await connection.commit(transaction);
    else await connection.rollback(transaction);
  }

  private open(): Promise<Transaction> {
    this.transaction ??= (async () => {
      const { tenantIds, userId } = this.settings();
      const connection = this.orm.em.getConnection();
      const transaction: Transaction = await connection.begin();
      try {
        await connection.execute(scopeSettingsSql(tenantIds, userId), [], 'run', transaction);
      } catch (error) {
        await connection.rollback(transaction);
        throw error;
      }
      return transaction;
    })();
    return this.transaction;
  }
}
