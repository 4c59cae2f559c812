import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestOrigin } from '../../../../platform/principal.ts';
import type { IdentityOptions } from '../options.ts';
import { Session } from './session.entity.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { hashToken, newSessionToken } from './session-tokens.ts';

type SessionPolicy = Pick<IdentityOptions, 'now' | 'sessions'>;

/** Opens a session for a user who just authenticated with `method` (or several), recorded with it. */
export async function openSession(
  em: EntityManager,
  userId: string,
  method: string | readonly string[],
  origin: RequestOrigin,
  policy: SessionPolicy,
) {
  const token = newSessionToken();
  const now = policy.now();
  const session = em.create(Session, {
    userId,
    tokenHash: hashToken(token),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.sessions.absoluteLifetimeMs),
    ip: origin.ip,
    userAgent: origin.userAgent,
    deviceType: deviceTypeOf(origin.userAgent),
    authenticatedAt: now,
    authenticationMethods: typeof method === 'string' ? [method] : [...method],
  });
  await em.flush();
  return { token, session };
}

/**
 * The live session a bearer token belongs to, or null: unknown, revoked, past its absolute
 * expiry, or idle for longer than the idle timeout.
 */
export async function findLiveSession(
  em: EntityManager,
  token: string,
  policy: SessionPolicy,
): Promise<Session | null> {
  const now = policy.now();
  return em.findOne(Session, {
    tokenHash: hashToken(token),
    revokedAt: null,
    expiresAt: { $gt: now },
    lastSeenAt: { $gt: new Date(now.getTime() - policy.sessions.idleTimeoutMs) },
  });
}

export function sessionsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<Session[]> {
  return em.find(Session, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'desc' } });
}

/** Records activity at most once a minute: enough for idle expiry, without a write per request. */
export async function touchSession(em: EntityManager, session: Session, now: Date): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < 60_000) return;
  session.lastSeenAt = now;
  await em.flush();
}
