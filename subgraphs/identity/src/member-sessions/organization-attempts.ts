import type { FilterQuery } from '@mikro-orm/core';
import { membersAmongOperation } from '../../../../contracts/operations/tenancy/members-among.ts';
import { badInput, notFound } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import type { IdentityContext } from '../context.ts';
import { decodeCursor, encodeCursor, pageSizeOf } from '../sign-in-attempt/attempt-page.ts';
import {
  SignInAttempt,
  type SignInMethod,
  type SignInOutcome,
} from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { isMemberOf } from '../tenancy-client.ts';

export interface AttemptFilter {
  userId?: string | null;
  outcome?: SignInOutcome | null;
  method?: SignInMethod | null;
  ip?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

/** Rows read per round while looking for members' attempts, and rounds per page at most. */
const BATCH = 200;
const MAX_ROUNDS = 10;

const dateOf = (value: Date | string | null | undefined, field: string): Date | null => {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput('Not a date', field);
  return date;
};

/**
 * The sign-in attempts of an organization's members, newest first, filtered, a cursor page at a
 * time. Tenancy owns memberships, so the attempts are read in keyset batches and their users
 * asked of tenancy (one call per batch); a page that found few members within its rounds ends
 * with a cursor where it stopped (hasNextPage), so each request costs a bounded amount.
 */
export async function organizationSignInAttempts(
  ctx: IdentityContext,
  organizationId: string,
  filter: AttemptFilter,
  page: { first?: number | null; after?: string | null },
) {
  const first = pageSizeOf(page.first);
  let cursor = page.after === null || page.after === undefined ? null : decodeCursor(page.after);
  const from = dateOf(filter.from, 'filter.from');
  const to = dateOf(filter.to, 'filter.to');
  if (filter.userId && !(await isMemberOf(ctx, organizationId, filter.userId))) throw notFound('Member');
  if (filter.ip !== null && filter.ip !== undefined && (filter.ip.length > 45 || !filter.ip)) {
    throw badInput('Not an IP address', 'filter.ip');
  }
  const base: FilterQuery<SignInAttempt> = {
    userId: filter.userId ? filter.userId : { $ne: null },
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.method ? { method: filter.method } : {}),
    ...(filter.ip ? { ip: filter.ip } : {}),
    ...(from || to ? { occurredAt: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
  };
  const found: SignInAttempt[] = [];
  let exhausted = false;
  for (let round = 0; round < MAX_ROUNDS && found.length <= first; round++) {
    const after = cursor;
    const rows = await ctx.em.find(
      SignInAttempt,
      after
        ? {
            $and: [
              base,
              {
                $or: [
                  { occurredAt: { $lt: after.occurredAt } },
                  { occurredAt: after.occurredAt, seq: { $lt: after.seq } },
                ],
              },
            ],
          }
        : base,
      { orderBy: { occurredAt: 'desc', seq: 'desc' }, limit: BATCH },
    );
    if (!rows.length) {
      exhausted = true;
      break;
    }
    const members = await membersOf(ctx, organizationId, rows, filter.userId);
    for (const row of rows) {
      cursor = row;
      if (row.userId && members.has(row.userId)) found.push(row);
      if (found.length > first) break;
    }
    if (rows.length < BATCH && found.length <= first) {
      exhausted = true;
      break;
    }
  }
  const nodes = found.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  const full = found.length > first;
  // A page cut short by its rounds still moves on: its end cursor is where the scan stopped.
  const endCursor = full || exhausted || !cursor ? (edges.at(-1)?.cursor ?? null) : encodeCursor(cursor);
  return { edges, pageInfo: { hasNextPage: full || !exhausted, endCursor } };
}

async function membersOf(
  ctx: IdentityContext,
  organizationId: string,
  rows: SignInAttempt[],
  knownMember: string | null | undefined,
): Promise<Set<string>> {
  if (knownMember) return new Set([knownMember]);
  const userIds = [...new Set(rows.flatMap((row) => (row.userId && isId(row.userId) ? [row.userId] : [])))];
  if (!userIds.length) return new Set();
  if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
  const { membersAmong } = await ctx.internal(
    membersAmongOperation,
    { organizationIds: [organizationId], userIds },
    ctx.origin,
  );
  return new Set(membersAmong);
}
