import type { EntityManager } from '@mikro-orm/postgresql';

/** The channel on which subgraphs announce that a cached principal is stale. */
export const PRINCIPAL_CHANNEL = 'steward_principal';

/** What changed: a session ended, a user's memberships or sessions changed, a key was revoked. */
export type PrincipalChange =
  | { kind: 'session'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'apiKey'; id: string }
  // An organization's sign-in policy: every member's principal carries it.
  | { kind: 'organization'; id: string };

export const encodeChange = (change: PrincipalChange) => `${change.kind}:${change.id}`;

export function decodeChange(payload: string): PrincipalChange | null {
  const [kind, id] = payload.split(':', 2);
  if (!id || (kind !== 'session' && kind !== 'user' && kind !== 'apiKey' && kind !== 'organization'))
    return null;
  return { kind, id };
}

/**
 * Tells every gateway process to drop principals built from what changed. NOTIFY is delivered
 * when the transaction commits, and not at all if it rolls back: the change and its
 * announcement go together.
 */
export async function announcePrincipalChange(em: EntityManager, change: PrincipalChange): Promise<void> {
  await announcePrincipalChanges(em, [change]);
}

/** The same for many changes at once, in one statement (a deletion's batch of members). */
export async function announcePrincipalChanges(em: EntityManager, changes: PrincipalChange[]): Promise<void> {
  if (!changes.length) return;
  await em.execute(`select pg_notify('${PRINCIPAL_CHANNEL}', change) from unnest(?::text[]) as change`, [
    `{${changes.map((change) => `"${encodeChange(change)}"`).join(',')}}`,
  ]);
  const pending = announced.get(em) ?? [];
  pending.push(...changes);
  announced.set(em, pending);
}

// Changes announced in a request's transaction, so that the response can carry them too: the
// gateway that forwarded the request drops them before it answers, without waiting for NOTIFY.
const announced = new WeakMap<EntityManager, PrincipalChange[]>();

/** The changes announced through this EntityManager (once committed), emptied. */
export function takeAnnouncedChanges(em: EntityManager): PrincipalChange[] {
  const pending = announced.get(em) ?? [];
  announced.delete(em);
  return pending;
}

/** The response extension key under which a subgraph reports committed principal changes. */
export const CHANGES_EXTENSION = 'stewardPrincipalChanges';
