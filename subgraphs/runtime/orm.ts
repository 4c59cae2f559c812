import { MikroORM, type EntityManager, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type pg from 'pg';
import { surviveConnectionLoss } from '../../platform/connection-loss.ts';
import type { Migration } from '@mikro-orm/migrations';
import type { Principal } from '../../platform/principal.ts';
import { tenantIdsOf } from '../../platform/principal.ts';
import type { KEY_STORE_SCHEMA, SubgraphName } from '../../platform/database.ts';
import { TENANT_SETTING, USER_SETTING } from './tenant-isolation.ts';
import { markMigrations } from './migration-marker.ts';
import { ScopedReads } from './scoped-reads.ts';

export type { EntityManager };

export interface SubgraphOrmOptions {
  /** The schema it works in: a subgraph's, or the subjects' key store's (its migrations only). */
  subgraph: SubgraphName | typeof KEY_STORE_SCHEMA;
  clientUrl: string;
  entities: EntitySchema[];
  migrations: (new (...args: never[]) => Migration)[];
  poolMax?: number;
  /** Told of a pooled connection the server ended while it was checked out (the process goes on). */
  onConnectionLost?: (error: Error) => void;
}

export async function initOrm(
  options: SubgraphOrmOptions,
  migrationsList: ReturnType<typeof markMigrations> | SubgraphOrmOptions['migrations'] = options.migrations,
): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.clientUrl,
    schema: options.subgraph,
    entities: options.entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Every request works on its own fork; the global context is a bug, not a default.
    allowGlobalContext: false,
    // RLS settings are applied with set_config(..., true) inside each transaction, never per connection.
    sessionContext: 'transaction',
    discovery: { warnWhenNoEntities: false },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: migrationsList as never,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
  const pool: pg.Pool = await orm.em.getConnection().getNativeClient();
  surviveConnectionLoss(pool, options.onConnectionLost ?? (() => undefined));
  return orm;
}

/** The rows a transaction may see: the principal's organizations, and its own user rows. */
export interface TenantScope {
  tenantIds: string[];
  userId: string | null;
}

export function scopeOf(principal: Principal): TenantScope {
  return { tenantIds: tenantIdsOf(principal), userId: principal.kind === 'user' ? principal.userId : null };
}

/**
 * One database transaction per GraphQL request, opened when execution starts and committed
 * (or rolled back on any error) before the response is sent. The tenant scope is set both as
 * MikroORM filter params (first wall) and as transaction-local settings read by RLS (second).
 * A query operation begins with `readsOnly`: its reads then carry their own settings, one round
 * trip each, and the transaction is opened only by a statement that needs it (scoped-reads.ts).
 */
export class RequestTransaction {
  readonly em: EntityManager;
  private readonly orm: MikroORM;
  private scope: TenantScope;
  private open = false;
  /** While a query operation has needed no transaction: its reads' stand-in for one. */
  private reads: ScopedReads | null = null;
  /** Set once the request is known to fail: its end rolls back whatever it is asked. */
  private failing = false;

  constructor(orm: MikroORM, scope: TenantScope) {
    this.em = orm.em.fork({ clear: true, useContext: false }) as EntityManager;
    this.orm = orm;
    this.scope = scope;
  }

  get tenantIds(): readonly string[] {
    return this.scope.tenantIds;
  }

  async begin(options: { readsOnly?: boolean } = {}): Promise<void> {
    this.apply();
    if (options.readsOnly) {
      this.reads = new ScopedReads(this.orm, () => this.scope);
      this.em.setTransactionContext(this.reads);
    } else await this.em.begin();
    this.open = true;
  }

  /**
   * Widens the scope of the open transaction: an organization a mutation just created, or the
   * user an internal operation acts for. Never from client input.
   */
  async extendScope(extra: Partial<TenantScope>): Promise<void> {
    this.scope = {
      tenantIds: [...new Set([...this.scope.tenantIds, ...(extra.tenantIds ?? [])])],
      userId: extra.userId ?? this.scope.userId,
    };
    this.apply();
    // Reads not yet in a transaction take the widened scope with their next statement.
    if (this.open && !(this.reads && !this.reads.opened)) {
      await this.em.execute(
        `select set_config('${TENANT_SETTING}', ?, true), set_config('${USER_SETTING}', ?, true)`,
        [this.scope.tenantIds.join(','), this.scope.userId ?? ''],
      );
    }
  }

  async end(commit: boolean): Promise<void> {
    if (!this.open) return;
    await this.close(commit && !this.failing);
  }

  /** Commits or rolls back what is open: the transaction, or the reads and what they opened. */
  private async close(commit: boolean): Promise<void> {
    this.open = false;
    const reads = this.reads;
    if (reads) {
      this.reads = null;
      this.em.resetTransactionContext();
      await reads.end(commit);
    } else if (commit) await this.em.commit();
    else await this.em.rollback();
  }

  /**
   * Commits `work` although the request is about to fail (a failed sign-in and its counters).
   * The request's transaction is rolled back now, as its failure would at the end; `work` commits
   * in a transaction of its own; a fresh transaction then serves the rest of the operation and is
   * rolled back at the end whatever happens. One connection at a time, unlike a forked
   * transaction beside the request's: a burst of failures cannot exhaust the pool, and no row
   * lock the request took can block `work`.
   */
  async commitBeforeFailing<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    this.failing = true;
    if (this.open) await this.close(false);
    // Entities loaded or created by the rolled-back work are stale now.
    this.em.clear();
    await this.em.begin();
    try {
      const result = await work(this.em);
      await this.em.commit();
      return result;
    } catch (error) {
      await this.em.rollback();
      throw error;
    } finally {
      this.em.clear();
      await this.begin();
    }
  }

  /**
   * Commits what the request has done so far although it is about to answer with an error, and
   * rolls back whatever it does after (a sign-in that needs its second factor: the first factor
   * is spent and the challenge stands, yet no session is handed out).
   */
  async keepDespiteFailure(): Promise<void> {
    if (this.open) {
      await this.em.flush();
      await this.close(true);
    }
    this.failing = true;
    this.em.clear();
    await this.begin();
  }

  /** Whether the request is bound to fail (commitBeforeFailing ran): nothing it does will last. */
  get isFailing(): boolean {
    return this.failing;
  }

  /**
   * Commits `work` at once, in a transaction of its own, so that concurrent requests see it before
   * this one goes on: a brute-force try is taken (and committed) before its credential is checked.
   * When the request has written nothing yet, its transaction ends and a fresh one serves the
   * rest, on the same connection (no second connection, so a burst cannot exhaust the pool). When
   * it has written, committing that early would be wrong: the request fails instead, as with
   * commitBeforeFailing.
   */
  async commitNow<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.failing || !this.open) return this.commitBeforeFailing(work);
    const [{ xid }] = await this.em.execute<{ xid: string | null }[]>(
      'select txid_current_if_assigned()::text as xid',
    );
    if (xid !== null) return this.commitBeforeFailing(work);
    await this.close(false);
    await this.em.begin();
    try {
      const result = await work(this.em);
      await this.em.commit();
      return result;
    } catch (error) {
      await this.em.rollback();
      throw error;
    } finally {
      await this.begin();
    }
  }

  private apply(): void {
    this.em.setFilterParams('tenant', { ids: this.scope.tenantIds, userId: this.scope.userId ?? '' });
    // MikroORM throws when a session context is staged inside an open transaction; extendScope
    // sets the open transaction's settings itself with set_config.
    if (this.open) return;
    this.em.setSessionContext({
      variables: {
        [TENANT_SETTING]: this.scope.tenantIds.join(','),
        [USER_SETTING]: this.scope.userId ?? '',
      },
    });
  }
}

/** Runs the subgraph's migrations as its owner role. */
export async function migrate(options: SubgraphOrmOptions): Promise<string[]> {
  const orm = await initOrm({ ...options, poolMax: 1 }, markMigrations(options.subgraph, options.migrations));
  try {
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

/** Runs `work` in one transaction with the given scope, outside any GraphQL request (scripts, jobs). */
export async function runInScope<T>(
  orm: MikroORM,
  scope: TenantScope,
  work: (tx: RequestTransaction) => Promise<T>,
) {
  const tx = new RequestTransaction(orm, scope);
  await tx.begin();
  try {
    const result = await work(tx);
    await tx.end(true);
    return result;
  } catch (error) {
    await tx.end(false);
    throw error;
  }
}
