import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader, createKeyLoader } from '../../runtime/loaders.ts';
import { usersByIds } from './user/user.repository.ts';
import { sessionsOfUsers } from './session/session.repository.ts';

export const createIdentityLoaders = (em: EntityManager) => ({
  user: createKeyLoader(
    (ids: readonly string[]) => usersByIds(em, ids),
    (user) => user.id,
  ),
  sessionsByUser: createGroupLoader(
    (ids: readonly string[]) => sessionsOfUsers(em, ids),
    (s) => s.userId,
  ),
});

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
