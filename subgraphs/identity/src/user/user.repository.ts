import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './user.entity.ts';
import type { StoredDisplayName } from './display-name.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function usersByIds(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  return em.find(User, { id: { $in: [...ids] } });
}

export async function findOrCreateUser(
  em: EntityManager,
  email: string,
  displayName?: StoredDisplayName,
): Promise<User> {
  const normalized = normalizeEmail(email);
  const existing = await em.findOne(User, { email: normalized });
  if (existing) return existing;
  const id = crypto.randomUUID();
  const user = em.create(User, { id, email: normalized, displayName: (await displayName?.(id)) ?? null });
  await em.flush();
  return user;
}
