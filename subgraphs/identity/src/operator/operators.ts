import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail, usersByIds } from '../user/user.repository.ts';

/**
 * Whether this user is one of the SaaS operator's staff: their address is among the configured
 * operators (STEWARD_OPERATORS). Read at every authentication, so removing an address from the
 * configuration (and restarting) ends the role at the next request.
 */
export async function isConfiguredOperator(
  em: EntityManager,
  userId: string,
  operators: ReadonlySet<string>,
): Promise<boolean> {
  if (operators.size === 0) return false;
  const [user] = await usersByIds(em, [userId]);
  return user !== undefined && operators.has(normalizeEmail(user.email));
}

/** The configured list (comma-separated addresses) as the set compared at authentication. */
export const operatorSet = (addresses: readonly string[]): ReadonlySet<string> =>
  new Set(addresses.map(normalizeEmail).filter(Boolean));
