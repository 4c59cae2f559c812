import type { IncomingMessage } from 'node:http';
import type { DocumentNode } from 'graphql';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AUDIT_RELAY_SETTING } from '../audit-outbox/audit-outbox.ts';
import { ErrorCode } from '../../../platform/errors.ts';
import { announcePrincipalChanges } from '../../../platform/principal-changes.ts';
import { HttpError, readBody } from '../../../platform/http.ts';
import { runInScope, type TenantScope } from '../../runtime/orm.ts';
import type { InternalRoute } from '../../runtime/context.ts';
import { keyRange } from './destroy-batch.ts';
import { buildDestroyPlans, notYetDestroyedSql, rewriteSql, type DestroyPlan } from './destroy-plan.ts';
import { scopeOfSubject, type Subject, type SubjectDataDeclaration } from './subject-data.ts';
import {
  DestroyBody,
  SUBJECT_DESTROY_PATH,
  type DestroyResponse,
  type DestroyedType,
  type RowStrategy,
} from '../../../contracts/subject-data-destroy.ts';
import {
  SUBJECT_VERIFY_PATH,
  VerifyBody,
  type VerifyResponse,
} from '../../../contracts/subject-data-verify.ts';
import { parseSubjectQuery } from '../../../contracts/subject.ts';
import { subjectIdOf, subjectKindOf, subjectParams } from './subject-data.ts';
import type { Retention } from './subject-types.ts';
import { createVacuumStep } from './vacuum.ts';

/** What a subgraph does beside the generic deletion, in the same transaction as a batch. */
export interface DestroyHook {
  /** Extra columns the batch's statement returns for `after` (e.g. `user_id`). */
  returning?: string;
  after(em: EntityManager, subject: Subject, rows: Record<string, string>[]): Promise<void>;
}

/**
 * A hook announcing, in the batch's transaction, that the users of the deleted rows changed: every
 * gateway drops the principals built from them when the batch commits. `userIdColumn` names the
 * column holding the user's id (`key` for the primary key).
 */
export const announceUsersHook = (userIdColumn: string): DestroyHook => ({
  returning: userIdColumn === 'key' ? undefined : `${userIdColumn}::text as user_id`,
  after: async (em, _subject, rows) => {
    const users = new Set(rows.map((row) => (userIdColumn === 'key' ? row.key! : row.user_id!)));
    await announcePrincipalChanges(
      em,
      [...users].map((id) => ({ kind: 'user' as const, id })),
    );
  },
});

export interface DestroyOptions {
  /** Per type (or unexposed table) name. */
  hooks?: Record<string, DestroyHook>;
  /** The organizations a user's rows are in, so that the scope covers them (RLS). */
  tenantIdsOfUser?: (em: EntityManager, userId: string) => Promise<string[]>;
  /** Rows per batch (one transaction each). @default 5000 */
  batchSize?: number;
  /**
   * A type (or table) with at least this many rows erased or rewritten is vacuumed once it is
   * done: the dead row versions and their index entries go, so the foreign-key checks of the
   * parents deleted next no longer walk them (docs/PERFORMANCE.md, Lifecycle), and the old values
   * leave the indexes. Needs the MAINTAIN privilege (PostgreSQL 17+) or the table's ownership;
   * skipped without it, said once (vacuum.ts).
   * @default 100000
   */
  vacuumAfterRows?: number;
}

/** Room for the most organization ids a request may name. */
const BODY_LIMIT = 512 * 1024;

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

interface Progress {
  count: string;
  cursor: string | null;
  done: boolean;
}

/** A batch's outcome: whether the plan is done, and its count so far when this batch finished it. */
interface BatchOutcome {
  done: boolean;
  finishedWith: number | null;
}

/** Each retention with the latest instant the rows it keeps may still exist (PostgreSQL reads ISO-8601 durations). */
async function retainedOf(
  orm: MikroORM,
  retention: Retention[],
): Promise<(Retention & { expiresBy: string })[]> {
  const connection = orm.em.getConnection();
  return Promise.all(
    retention.map(async (kept) => {
      const [row] = await connection.execute<{ at: Date }[]>(`select now() + ?::interval as at`, [
        kept.keptFor,
      ]);
      return { ...kept, expiresBy: new Date(row!.at).toISOString() };
    }),
  );
}

function requireLifecycle(principal: { kind: string; service?: string }) {
  if (principal.kind !== 'system' || principal.service !== 'lifecycle') {
    throw new HttpError(403, ErrorCode.FORBIDDEN, 'Lifecycle service only');
  }
}

/**
 * The internal routes through which the lifecycle subgraph destroys a subject's data in this
 * subgraph and verifies that nothing is left: generic, driven by the `@destroy`/`@retain`
 * directives and the entity metadata. Idempotent and resumable: each batch commits its rows with
 * the request's count and cursor, so a rerun after a crash goes on from the last commit, and a
 * finished request answers its totals without touching anything.
 */
export function subjectDataDestroyRoutes(
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
  options: DestroyOptions = {},
): Record<string, InternalRoute> {
  const batchSize = options.batchSize ?? 5000;
  const vacuumAfterRows = options.vacuumAfterRows ?? 100_000;
  const progressTable = `${declaration.schema}.lifecycle_destructions`;
  let plans: DestroyPlan[] | null = null;

  const scopeFor = async (orm: MikroORM, subject: Subject, known: string[] = []): Promise<TenantScope> => {
    const scope = scopeOfSubject(subject);
    // A member's rows are all in its organization; a person's are in every one they belong to, now
    // or when the deletion began (lifecycle fixed those before anything was deleted).
    if (subjectKindOf(subject) !== 'user') return scope;
    const current = options.tenantIdsOfUser
      ? await runInScope(orm, scope, ({ em }) => options.tenantIdsOfUser!(em, subject.userId!))
      : [];
    return { ...scope, tenantIds: [...new Set([...known, ...current])] };
  };

  const batch = async (
    em: EntityManager,
    plan: DestroyPlan,
    subject: Subject,
    requestId: string,
    pseudonymKey: string,
  ): Promise<BatchOutcome> => {
    await em.execute(
      `insert into ${progressTable} (request_id, type, strategy) values (?, ?, ?) on conflict do nothing`,
      [requestId, plan.name, plan.strategy],
    );
    const [progress] = await em.execute<Progress[]>(
      `select count::text as count, cursor, done from ${progressTable} where request_id = ? and type = ? for update`,
      [requestId, plan.name],
    );
    if (!progress || progress.done) return { done: true, finishedWith: null };
    const subjectId = subjectIdOf(subject);
    const where = plan.whereOf(subject)!;
    let count = Number(progress.count);
    let cursor = progress.cursor;
    let done = true;
    if (plan.strategy === 'RETAIN') {
      const [kept] = await em.execute<{ n: string }[]>(
        `select count(*)::text as n from ${plan.table} where ${where}`,
        subjectParams(where, subjectId),
      );
      count = Number(kept?.n ?? 0);
    } else if (!plan.keyColumn) {
      if (plan.asRelay) await em.execute(`select set_config('${AUDIT_RELAY_SETTING}', 'on', true)`);
      const result = await em.execute<{ affectedRows: number }>(
        `delete from ${plan.table} where ${where}`,
        subjectParams(where, subjectId),
        'run',
      );
      count += result.affectedRows;
    } else {
      const range = await keyRange({ em, plan, where, subjectId, cursor, batchSize });
      const hook = options.hooks?.[plan.name];
      const { set, keys } = rewriteSql(plan);
      const statement =
        plan.strategy === 'ERASE'
          ? { sql: `delete from ${plan.table} where ${range.condition}`, params: range.params }
          : {
              sql: `update ${plan.table} set ${set} where ${range.condition}`,
              params: [...Array<string>(keys).fill(pseudonymKey), ...range.params],
            };
      if (hook) {
        // Only a hook needs the rows: everything else counts them.
        const returning = `returning ${plan.keyColumn}::text as key${hook.returning ? `, ${hook.returning}` : ''}`;
        const rows = await em.execute<Record<string, string>[]>(
          `${statement.sql} ${returning}`,
          statement.params,
        );
        if (rows.length) await hook.after(em, subject, rows);
        count += rows.length;
      } else {
        const result = await em.execute<{ affectedRows: number }>(statement.sql, statement.params, 'run');
        count += result.affectedRows;
      }
      cursor = range.next ?? cursor;
      done = range.next === null;
    }
    await em.execute(
      `update ${progressTable} set count = ?, cursor = ?, done = ?, updated_at = now() where request_id = ? and type = ?`,
      [count, cursor, done, requestId, plan.name],
    );
    return { done, finishedWith: done ? count : null };
  };

  /**
   * VACUUM, outside any transaction, where the role may run it (vacuum.ts). Best effort: deletion
   * is complete without it (a crash before it only leaves the dead rows to autovacuum), so a
   * failure is logged, not raised.
   */
  const vacuumStep = createVacuumStep();
  const vacuum = async (orm: MikroORM, plan: DestroyPlan, logger: Logger): Promise<void> => {
    const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
    try {
      await vacuumStep(pool, plan.table, logger);
    } catch (error) {
      logger.warn({ err: error, table: plan.table }, 'lifecycle: vacuum after deletion skipped');
    }
  };

  const destroyRoute: InternalRoute = async (req, res, { principal, orm, logger }) => {
    requireLifecycle(principal);
    if (req.method !== 'POST') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use POST');
    const parsed = DestroyBody.safeParse(parseJson(await readBody(req as IncomingMessage, BODY_LIMIT)));
    if (!parsed.success) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Invalid destroy request');
    const { requestId, pseudonymKey, budgetMs, organizationIds } = parsed.data;
    const subject = parsed.data.subject as Subject;
    plans ??= buildDestroyPlans(orm, typeDefs, declaration);
    const mine = plans.filter((plan) => plan.whereOf(subject) !== null);
    const scope = await scopeFor(orm, subject, organizationIds);
    const deadline = Date.now() + budgetMs;
    let done = true;
    for (const plan of mine) {
      let planDone = false;
      while (!planDone && Date.now() < deadline) {
        const outcome = await runInScope(orm, scope, ({ em }) =>
          batch(em, plan, subject, requestId, pseudonymKey),
        );
        planDone = outcome.done;
        const finished = outcome.finishedWith;
        if (plan.strategy !== 'RETAIN' && finished !== null && finished >= vacuumAfterRows) {
          await vacuum(orm, plan, logger);
        }
      }
      if (!planDone) {
        done = false;
        break;
      }
    }
    const totals = await runInScope(orm, scope, ({ em }) =>
      em.execute<{ type: string; strategy: RowStrategy; count: string }[]>(
        `select type, strategy, count::text as count from ${progressTable} where request_id = ?`,
        [requestId],
      ),
    );
    const byType = new Map(totals.map((t) => [t.type, t]));
    const response: DestroyResponse = {
      done,
      types: await Promise.all(
        mine.flatMap((plan) => {
          const total = byType.get(plan.name);
          if (!total) return [];
          const type: DestroyedType = {
            type: plan.name,
            strategy: total.strategy,
            count: Number(total.count),
          };
          return [
            plan.retention.length
              ? retainedOf(orm, plan.retention).then((retained) => ({ ...type, retained }))
              : type,
          ];
        }),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(response));
  };

  const verifyRoute: InternalRoute = async (req, res, { principal, orm }) => {
    requireLifecycle(principal);
    let subject: Subject | null;
    let known: string[] = [];
    if (req.method === 'POST') {
      const parsed = VerifyBody.safeParse(parseJson(await readBody(req as IncomingMessage, BODY_LIMIT)));
      if (!parsed.success) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Invalid verify request');
      subject = parsed.data.subject as Subject;
      known = parsed.data.organizationIds;
    } else if (req.method === 'GET') {
      subject = parseSubjectQuery(new URL(req.url ?? '/', 'http://internal').searchParams);
    } else throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET or POST');
    if (!subject) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give organizationId, userId, or both');
    plans ??= buildDestroyPlans(orm, typeDefs, declaration);
    const scope = await scopeFor(orm, subject, known);
    const subjectId = subjectIdOf(subject);
    const types = await runInScope(orm, scope, async ({ em }) => {
      const counted: VerifyResponse['types'] = [];
      for (const plan of plans!) {
        const where = plan.whereOf(subject);
        if (!where || plan.strategy === 'RETAIN') continue;
        const [left] = await em.execute<{ n: string }[]>(
          `select count(*)::text as n from ${plan.table} where ${where} and ${notYetDestroyedSql(plan)}`,
          subjectParams(where, subjectId),
        );
        counted.push({ type: plan.name, remaining: Number(left?.n ?? 0) });
      }
      return counted;
    });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ types } satisfies VerifyResponse));
  };

  return { [SUBJECT_DESTROY_PATH]: destroyRoute, [SUBJECT_VERIFY_PATH]: verifyRoute };
}
