import type { Subject } from '../../../../platform/crypto/subject-keys.ts';
import { isId } from '../../../../platform/ids.ts';
import { PLATFORM_CHAIN_ID } from '../ingest/fan-out-id.ts';
import type { ContentField } from './content-envelope.ts';

/** What decides whose keys seal an event's content. */
export interface EventParties {
  organizationId: string;
  action: string;
  actor: { type: string; id?: string | null };
  target?: { type: string; id?: string | null } | null;
}

/** Whose own event it is: the acting user, or else the user it was done to (a failed sign-in). */
export function personOf(event: Pick<EventParties, 'actor' | 'target'>): string | null {
  const { actor, target } = event;
  const user = actor.type === 'USER' && actor.id ? actor.id : target?.type === 'User' ? target.id : null;
  return isId(user) ? user.toLowerCase() : null;
}

/**
 * Events whose details name no one (ids, counts, a certificate's digest), written about a
 * deletion, often after its subject's keys are gone: kept clear so the record of a deletion reads.
 */
const CLEAR_DETAILS = new Set(['lifecycle.deletion.completed']);

/**
 * The subjects whose keys seal each content field of an event, outermost last (open in reverse).
 * - `actor.ip`, `actor.userAgent`: the person's (the acting user, else the user acted on), the
 *   organization's when no person (an API key's caller: the customer's partner);
 * - `metadata` (names of projects, organizations, API keys, addresses, reasons): the
 *   organization's and the person's both, so it reads as erased once either is deleted (it mixes
 *   the customer's content with the person's; no per-key classification of free JSON is safe).
 * The platform chain (no organization) seals under a platform subject (the chain's id) where
 * no person is known: an address typed at a failed sign-in with no account behind it.
 */
export function subjectsOf(event: EventParties, field: ContentField): Subject[] {
  if (field === 'metadata' && CLEAR_DETAILS.has(event.action)) return [];
  const person = personOf(event);
  const organization: Subject | null =
    event.organizationId === PLATFORM_CHAIN_ID ? null : { kind: 'organization', id: event.organizationId };
  const personal: Subject | null = person ? { kind: 'person', id: person } : null;
  const platform: Subject = { kind: 'organization', id: PLATFORM_CHAIN_ID };
  const chosen = field === 'metadata' ? [organization, personal] : [personal ?? organization];
  const subjects = chosen.filter((subject): subject is Subject => subject !== null);
  return subjects.length ? subjects : [platform];
}
