import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAuditEvent, type OutboxEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { Principal, RequestOrigin } from '../../../../platform/principal.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { decodeCursor, encodeCursor, pageSizeOf } from './attempt-page.ts';
import { SignInAttempt, type SignInMethod, type SignInOutcome } from './sign-in-attempt.entity.ts';

export interface AttemptRecord {
  /** The user the email belonged to at the time, if any. */
  userId: string | null;
  email: string;
  method: SignInMethod;
  outcome: SignInOutcome;
}

const ACTIONS: Record<SignInOutcome, { action: string; outcome: OutboxEvent['outcome'] }> = {
  SUCCESS: { action: 'identity.sign_in.succeeded', outcome: 'SUCCESS' },
  FAILURE: { action: 'identity.sign_in.failed', outcome: 'FAILURE' },
  LOCKED: { action: 'identity.sign_in.locked', outcome: 'DENIED' },
};

/**
 * Stores one sign-in attempt with its device and IP, and its audit event, in `em`'s transaction:
 * both exist exactly when that transaction commits.
 */
export async function recordSignInAttempt(
  em: EntityManager,
  request: { principal: Principal; origin: RequestOrigin },
  attempt: AttemptRecord,
  now: Date,
  metadata: Record<string, unknown> = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const { ip, userAgent } = request.origin;
  const deviceType = deviceTypeOf(userAgent);
  const { userId, email, method, outcome } = attempt;
  await em.insert(SignInAttempt, {
    id,
    userId,
    email,
    method,
    outcome,
    ip,
    userAgent,
    deviceType,
    occurredAt: now,
  });
  const actor = actorOf(request.principal, request.origin, deviceType);
  await recordAuditEvent(em, 'identity', {
    ...ACTIONS[attempt.outcome],
    // Delivery fans a user's own event out to the chains of their organizations.
    organizationId: null,
    // Until it succeeds, an attempt is made by nobody known; on success, by the user.
    actor: attempt.outcome === 'SUCCESS' ? { ...actor, type: 'USER', id: attempt.userId } : actor,
    target: attempt.userId ? { type: 'User', id: attempt.userId } : null,
    metadata: { attemptId: id, email: attempt.email, method: attempt.method, ...metadata },
  });
  return id;
}

/** A page of a user's attempts, newest first. */
export async function signInAttemptsOf(
  em: EntityManager,
  userId: string,
  page: { first?: number | null; after?: string | null },
) {
  const first = pageSizeOf(page.first);
  const after = page.after === null || page.after === undefined ? null : decodeCursor(page.after);
  const rows = await em.find(
    SignInAttempt,
    after
      ? {
          userId,
          $or: [
            { occurredAt: { $lt: after.occurredAt } },
            { occurredAt: after.occurredAt, seq: { $lt: after.seq } },
          ],
        }
      : { userId },
    { orderBy: { occurredAt: 'desc', seq: 'desc' }, limit: first + 1 },
  );
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
