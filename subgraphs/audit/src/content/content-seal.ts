import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { SubjectKeyDestroyedError } from '../../../../platform/crypto/subject-keys.ts';
import type { JsonValue } from '../../../../platform/canonical-json.ts';
import { ERASED, contentPlace, type ContentField } from './content-envelope.ts';
import { subjectsOf, type EventParties } from './content-subjects.ts';

/** An event's content, in clear as given to the chain, or as stored and hashed (sealed, or null). */
export interface EventContent {
  actorIp: string | null;
  actorUserAgent: string | null;
  metadata: JsonValue;
}

/**
 * Seals one field under each of its subjects' keys in turn (content-subjects.ts). A subject whose
 * key is already destroyed gets nothing new sealed for it: the field is stored as `erased`.
 */
async function sealField(
  sealer: ContentSealer,
  event: EventParties & { id: string },
  field: ContentField,
  plaintext: string,
): Promise<string> {
  let value = plaintext;
  for (const subject of subjectsOf(event, field)) {
    try {
      value = await sealer.seal(subject, value, contentPlace(event.id, field));
    } catch (error) {
      if (error instanceof SubjectKeyDestroyedError) return ERASED;
      throw error;
    }
  }
  return value;
}

/** The content of an event as it is stored, before its hash is taken: the chain covers the ciphertext. */
export async function sealContent(
  sealer: ContentSealer,
  event: EventParties & { id: string },
  content: EventContent,
): Promise<EventContent> {
  const sealText = (field: ContentField, value: string | null) =>
    value === null ? Promise.resolve(null) : sealField(sealer, event, field, value);
  const [actorIp, actorUserAgent, metadata] = await Promise.all([
    sealText('actor.ip', content.actorIp),
    sealText('actor.userAgent', content.actorUserAgent),
    content.metadata === null || subjectsOf(event, 'metadata').length === 0
      ? Promise.resolve(content.metadata)
      : sealField(sealer, event, 'metadata', JSON.stringify(content.metadata)),
  ]);
  return { actorIp, actorUserAgent, metadata };
}
