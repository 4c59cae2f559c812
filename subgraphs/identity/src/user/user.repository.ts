import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './user.entity.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function usersByIds(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  return em.find(User, { id: { $in: [...ids] } });
}

export async function findOrCreateUser(
  em: EntityManager,
  email: string,
  displayName?: string | null,
): Promise<User> {
  const normalized = normalizeEmail(email);
  const existing = await em.findOne(User, { email: normalized });
  if (existing) return existing;
  const user = em.create(User, { email: normalized, displayName: displayName ?? null });
  await em.flush();
  return user;
}
