import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { isSealedContent } from '../../../../platform/crypto/sealed-content.ts';
import { GraphQLError } from 'graphql';
import { DATA_INTEGRITY, dataIntegrityError } from '../../../../platform/errors.ts';
import type { JsonValue } from '../../../../platform/canonical-json.ts';
import { ERASED, contentPlace, type ContentField } from './content-envelope.ts';
import type { EventContent } from './content-seal.ts';

/** The fields of a stored event that opening needs: its id (bound in each value) and its content. */
export interface SealedEvent {
  id: string;
  actorIp?: EventContent['actorIp'];
  actorUserAgent?: EventContent['actorUserAgent'];
  metadata?: EventContent['metadata'];
}

/**
 * An event's content as a reader sees it. `erased`: a subject's key was destroyed, and the
 * fields it sealed read null (the rest of the event, its order, action, outcome, time and hash,
 * stays). `tampered`: the fields that failed to authenticate, each with its coded DATA_INTEGRITY
 * error (already logged, naming the event and field, and counted by the sealer), never guessed.
 */
export interface OpenedContent extends EventContent {
  erased: boolean;
  tampered: Partial<Record<ContentField, Error>>;
}

/** At most a value sealed under both its subjects (organization inside, person outside). */
const MAX_LAYERS = 2;
const PROPERTIES = [
  ['actor.ip', 'actorIp'],
  ['actor.userAgent', 'actorUserAgent'],
  ['metadata', 'metadata'],
] as const;

const isStoredSealed = (value: unknown): value is string =>
  typeof value === 'string' && (value === ERASED || isSealedContent(value));

/** The plaintext under every layer; null once a key of it is destroyed. */
async function openLayers(sealer: ContentSealer, event: SealedEvent, field: ContentField, stored: string) {
  if (stored === ERASED) return null;
  let value: string | null = stored;
  for (let layer = 0; layer < MAX_LAYERS && value !== null && isSealedContent(value); layer++)
    value = await sealer.open(value, contentPlace(event.id, field));
  // Deeper than any value Steward seals: not what it stored.
  if (value !== null && isSealedContent(value)) throw dataIntegrityError();
  return value;
}

/** Opens an event's content: each data key is asked of the process's key store (which caches it). */
export async function openContent(sealer: ContentSealer, event: SealedEvent): Promise<OpenedContent> {
  const opened: OpenedContent = {
    actorIp: null,
    actorUserAgent: null,
    metadata: null,
    erased: false,
    tampered: {},
  };
  await Promise.all(
    PROPERTIES.map(async ([field, property]) => {
      const stored = event[property] ?? null;
      // Clear: nothing there, details that name no one, or an event appended before sealing began.
      if (!isStoredSealed(stored)) {
        if (property === 'metadata') opened.metadata = stored;
        else opened[property] = typeof stored === 'string' ? stored : null;
        return;
      }
      try {
        const text = await openLayers(sealer, event, field, stored);
        if (text === null) opened.erased = true;
        else if (property === 'metadata') opened.metadata = parseJson(text);
        else opened[property] = text;
      } catch (error) {
        if (!isIntegrityError(error)) throw error;
        opened.tampered[field] = error;
      }
    }),
  );
  return opened;
}

const isIntegrityError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && error.extensions.reason === DATA_INTEGRITY;

/** Details that authenticated are JSON Steward wrote; anything else is not what it stored. */
function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw dataIntegrityError();
  }
}

/** A row of audit.events as SQL answers it (snake case): what streams and raw readers open. */
export interface SealedRow {
  id: string;
  actor_ip: string | null;
  actor_user_agent: string | null;
  metadata: JsonValue;
}

export const openRow = (sealer: ContentSealer, row: SealedRow): Promise<OpenedContent> =>
  openContent(sealer, {
    id: row.id,
    actorIp: row.actor_ip,
    actorUserAgent: row.actor_user_agent,
    metadata: row.metadata,
  });
