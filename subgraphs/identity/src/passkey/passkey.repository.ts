import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import { Passkey } from './passkey.entity.ts';

export const PASSKEY_NAME_MAX_LENGTH = 100;

/** A passkey's name as given, trimmed: 1 to 100 characters, no control characters. */
export function passkeyName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > PASSKEY_NAME_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(name))
    throw badInput(`A passkey's name has 1 to ${PASSKEY_NAME_MAX_LENGTH} characters`, 'name');
  return name;
}

/** A user's passkeys, oldest first. */
export function passkeysOf(em: EntityManager, userId: string): Promise<Passkey[]> {
  return em.find(Passkey, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export function passkeysOfUsers(em: EntityManager, userIds: readonly string[]): Promise<Passkey[]> {
  return em.find(Passkey, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** One of the user's passkeys; anyone else's, or none, is NOT_FOUND alike. */
export async function ownPasskey(em: EntityManager, userId: string, id: string): Promise<Passkey> {
  const passkey = isId(id) ? await em.findOne(Passkey, { id: id.toLowerCase(), userId }) : null;
  if (!passkey) throw notFound('Passkey');
  return passkey;
}
