import type { MikroORM } from '@mikro-orm/postgresql';
import {
  IdentityRetentionBody,
  RETENTION_FLOORS,
  UnattributedRetentionBody,
  type IdentityRetentionResult,
  type UnattributedRetentionResult,
} from '../../../../contracts/retention.ts';
import { readJsonBody, requireLifecycle, sendJson } from '../../../runtime/internal-json.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';
import type { IdentityOptions } from '../options.ts';

/** Rows deleted per statement, each in its own transaction: no long lock, resumable after a crash. */
export const RETENTION_DELETE_BATCH = 1000;

// Oldest first, so a sweep cut short leaves a clean suffix. The floor is applied here as well:
// identity never deletes an attempt younger than 30 days, whatever it is asked.
const ATTEMPTS_SQL = `
  with doomed as (
    select id from identity.sign_in_attempts
     where user_id = any(?::uuid[])
       and occurred_at < least(?::timestamptz, now() - make_interval(days => ${RETENTION_FLOORS.signInAttemptsDays}))
     order by occurred_at, id
     limit ?),
  gone as (delete from identity.sign_in_attempts a using doomed where a.id = doomed.id returning 1)
  select count(*)::int as n from gone`;

// The same for attempts attributed to no user (user_id is null).
const UNATTRIBUTED_ATTEMPTS_SQL = ATTEMPTS_SQL.replace('user_id = any(?::uuid[])', 'user_id is null');

// A session ended when it was revoked, reached its absolute expiry or went idle (identity's own
// clock judges, as findLiveSession does), and it is counted from that end: a live one never goes.
const SESSIONS_SQL = `
  with doomed as (
    select id from identity.sessions
     where user_id = any(?::uuid[])
       and (revoked_at is not null or expires_at <= ?::timestamptz or last_seen_at <= ?::timestamptz)
       and coalesce(revoked_at, least(expires_at, last_seen_at + make_interval(secs => ?)))
           < least(?::timestamptz, now() - make_interval(days => ${RETENTION_FLOORS.sessionsDays}))
     order by id
     limit ?),
  gone as (delete from identity.sessions s using doomed where s.id = doomed.id returning 1)
  select count(*)::int as n from gone`;

async function deleteInBatches(orm: MikroORM, sql: string, params: unknown[]): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [row] = await runInScope(orm, { tenantIds: [], userId: null }, ({ em }) =>
      em.execute<{ n: number }[]>(sql, [...params, RETENTION_DELETE_BATCH]),
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < RETENTION_DELETE_BATCH) return deleted;
  }
}

/**
 * RETENTION_ROUTES.identity: deletes the given users' sign-in attempts and ended sessions older than
 * the cutoffs lifecycle computed from their organizations' policies (identity knows no memberships).
 */
export function identityRetentionRoute(options: Pick<IdentityOptions, 'now' | 'sessions'>): InternalRoute {
  return async (req, res, { principal, orm }) => {
    requireLifecycle(req, principal, 'POST');
    const body = await readJsonBody(req, IdentityRetentionBody);
    // A PostgreSQL array literal: the driver would bind an array as a list of parameters.
    const userIds = `{${body.userIds.map((id) => id.toLowerCase()).join(',')}}`;
    const result: IdentityRetentionResult = { signInAttempts: 0, sessions: 0 };
    if (body.signInAttemptsBefore) {
      result.signInAttempts = await deleteInBatches(orm, ATTEMPTS_SQL, [userIds, body.signInAttemptsBefore]);
    }
    if (body.sessionsEndedBefore) {
      const now = options.now();
      result.sessions = await deleteInBatches(orm, SESSIONS_SQL, [
        userIds,
        now.toISOString(),
        new Date(now.getTime() - options.sessions.idleTimeoutMs).toISOString(),
        options.sessions.idleTimeoutMs / 1000,
        body.sessionsEndedBefore,
      ]);
    }
    sendJson(res, result);
  };
}

/** RETENTION_ROUTES.unattributed: deletes sign-in attempts of no user older than the cutoff (floor held). */
export const unattributedRetentionRoute: InternalRoute = async (req, res, { principal, orm }) => {
  requireLifecycle(req, principal, 'POST');
  const body = await readJsonBody(req, UnattributedRetentionBody);
  const result: UnattributedRetentionResult = {
    signInAttempts: await deleteInBatches(orm, UNATTRIBUTED_ATTEMPTS_SQL, [body.signInAttemptsBefore]),
  };
  sendJson(res, result);
};
