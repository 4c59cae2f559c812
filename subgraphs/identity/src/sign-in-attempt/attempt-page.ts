import { badInput } from '../../../../platform/errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` of a connection: 20 when absent, 1 to 100 otherwise. */
export function pageSizeOf(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/** Where a page ends: attempts are ordered newest first by time, then by insertion order. */
export interface AttemptCursor {
  occurredAt: Date;
  seq: number;
}

export const encodeCursor = (cursor: AttemptCursor): string =>
  Buffer.from(JSON.stringify([cursor.occurredAt.toISOString(), cursor.seq])).toString('base64url');

/** The cursor a client sent back; anything else is BAD_USER_INPUT. */
export function decodeCursor(raw: string): AttemptCursor {
  const invalid = () => badInput('Invalid cursor', 'after');
  if (raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [at, seq] = parsed as unknown[];
  const occurredAt = typeof at === 'string' ? new Date(at) : null;
  if (
    !occurredAt ||
    Number.isNaN(occurredAt.getTime()) ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 1
  ) {
    throw invalid();
  }
  return { occurredAt, seq: seq as number };
}
