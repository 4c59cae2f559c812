/**
 * Where a sealed piece of an audit event's content belongs, bound as associated data: its event
 * and field, so a value copied to another event or field fails to open instead of reading. The
 * stored form is the sealer's (`<data key id>/<sealed box>`, platform/crypto/sealed-content.ts); a
 * value sealed under two subjects is the inner sealed value sealed again.
 */
export const contentPlace = (eventId: string, field: ContentField) =>
  `audit.events\0${eventId.toLowerCase()}\0${field}`;

/**
 * Stored instead of the content when a subject's key was already destroyed at append time:
 * nothing of the content is kept, and it reads as erased like any value whose key is gone.
 */
export const ERASED = 'erased';

/** The content fields of an event that can be sealed, named as in associated data. */
export type ContentField = 'actor.ip' | 'actor.userAgent' | 'metadata';
