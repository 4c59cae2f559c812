import type { JsonValue } from '../../../../platform/canonical-json.ts';
import type { ContentField } from './content-envelope.ts';
import type { OpenedContent } from './content-open.ts';

const PROPERTY = {
  'actor.ip': 'actorIp',
  'actor.userAgent': 'actorUserAgent',
  metadata: 'metadata',
} as const;

/**
 * A content field as a client reads it: its value (null once erased), or, when its sealed value
 * failed to authenticate, the coded DATA_INTEGRITY error on that field alone (logged and counted
 * where it was opened); the rest of the event and of the page still reads.
 */
export function contentField(opened: OpenedContent, field: ContentField): JsonValue {
  const tampered = opened.tampered[field];
  if (tampered) throw tampered;
  return opened[PROPERTY[field]];
}

/** A text content field (`actor.ip`, `actor.userAgent`) as a client reads it, like contentField. */
export function contentText(opened: OpenedContent, field: 'actor.ip' | 'actor.userAgent'): string | null {
  const value = contentField(opened, field);
  return typeof value === 'string' ? value : null;
}

/** The opened content, or the first field's DATA_INTEGRITY error (an export stops on it). */
export function openedOrThrow(opened: OpenedContent): OpenedContent {
  const [failure] = Object.values(opened.tampered);
  if (failure) throw failure;
  return opened;
}
