import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestOrigin } from '../../../kit/principal.ts';
import { Session } from './session.entity.ts';
import { deviceTypeOf } from './device.ts';
import { hashToken, newSessionToken } from './session-tokens.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export async function openSession(em: EntityManager, userId: string, origin: RequestOrigin) {
  const token = newSessionToken();
  const session = em.create(Session, {
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
    ip: origin.ip,
    userAgent: origin.userAgent,
    deviceType: deviceTypeOf(origin.userAgent),
  });
  await em.flush();
  return { token, session };
}

/** The live session a bearer token belongs to, or null (unknown, revoked or expired). */
export async function findLiveSession(em: EntityManager, token: string): Promise<Session | null> {
  return em.findOne(Session, {
    tokenHash: hashToken(token),
    revokedAt: null,
    expiresAt: { $gt: new Date() },
  });
}

export function sessionsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<Session[]> {
  return em.find(Session, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'desc' } });
}
