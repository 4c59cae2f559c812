import { badInput } from '../../../../platform/errors.ts';

// Opaque to clients: base64url of a tagged sequence number, so the format can change later.
const PREFIX = 'seq:';

export const encodeCursor = (sequence: number): string =>
  Buffer.from(`${PREFIX}${sequence}`).toString('base64url');

/** The sequence a cursor points at; anything that is not one of ours is BAD_USER_INPUT. */
export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,32}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const sequence = /^[1-9][0-9]{0,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(sequence)) throw badInput('Malformed cursor', 'after');
  return sequence;
}
