import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { dataIntegrityError } from '../errors.ts';
import { SealedValueError, open, seal } from './sealed-box.ts';
import type { Subject, SubjectKeyStore } from './subject-keys.ts';

/**
 * Content sealed under its subject's data key, as stored: `<key id>/<sealed box>`, so that a reader
 * knows which key opens it. The associated data names the place the value belongs to (for a
 * SHRED field: table, row and field), so a value copied to another row or field does not open.
 */
const SEALED_CONTENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(v1\..+)$/;

/** How content whose key was destroyed reads where a text is required. */
export const ERASED_TEXT = '[erased]';

export const isSealedContent = (stored: string): boolean => SEALED_CONTENT.test(stored);

/** A SHRED field's place: what its ciphertext is bound to. */
export interface FieldPlace {
  table: string;
  rowId: string;
  field: string;
}

export const fieldPlace = ({ table, rowId, field }: FieldPlace) =>
  `field\0${table}\0${rowId.toLowerCase()}\0${field}`;

export interface ContentSealer {
  /** Seals `plaintext` under the subject's current data key, bound to `place`. */
  seal(subject: Subject, plaintext: string, place: string): Promise<string>;
  /**
   * The plaintext; null when its key was destroyed (the content reads as erased). A value stored
   * before sealing began (plain text) reads as it is, until its next write or a backfill seals it.
   * A value that does not authenticate throws the coded DATA_INTEGRITY error, logged and counted.
   */
  open(stored: string, place: string): Promise<string | null>;
  /** open() for a SHRED field: bound to its table, row and field. */
  sealField(subject: Subject, plaintext: string, place: FieldPlace): Promise<string>;
  openField(stored: string, place: FieldPlace): Promise<string | null>;
  /**
   * open() for many values at once: each distinct key is looked up once, then every value opens
   * without a wait of its own (an export's or a list's names: tens of thousands). A value that does
   * not authenticate is its coded error in the result (logged and counted), the others still open.
   */
  openMany(values: readonly SealedAt[]): Promise<(string | null | Error)[]>;
}

/** A stored value and the place it is bound to (`fieldPlace` for a SHRED field). */
export interface SealedAt {
  stored: string;
  place: string;
}

export function createContentSealer(
  keys: SubjectKeyStore,
  options: { logger?: Logger; registry?: Registry } = {},
): ContentSealer {
  const name = 'steward_sealed_content_failures_total';
  const existing = options.registry?.getSingleMetric(name);
  const failures =
    existing instanceof Counter
      ? existing
      : new Counter({
          name,
          help: 'Sealed values that failed their integrity check (tampered, moved or truncated)',
          labelNames: ['reason'],
          registers: options.registry ? [options.registry] : [],
        });

  /** Opens a matched `<key id>/<sealed box>` under its key, or its coded error, logged and counted. */
  function openWith(key: Buffer, [, keyId, box]: RegExpExecArray, place: string): string | Error {
    try {
      return open(key, box!, place).toString('utf8');
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      failures.inc({ reason: error.reason });
      // Where, never what: the place names a row and field, the value stays out of the log.
      options.logger?.error(
        { keyId, place: place.replaceAll('\0', '/'), reason: error.reason },
        'a sealed value failed its integrity check',
      );
      return dataIntegrityError();
    }
  }

  const sealer: ContentSealer = {
    async seal(subject, plaintext, place) {
      const key = await keys.keyFor(subject);
      return `${key.id}/${seal(key.key, plaintext, place)}`;
    },
    async open(stored, place) {
      const match = SEALED_CONTENT.exec(stored);
      if (!match) return stored;
      const key = await keys.keyById(match[1]!);
      if (!key) return null;
      const opened = openWith(key.key, match, place);
      if (opened instanceof Error) throw opened;
      return opened;
    },
    async openMany(values) {
      const matches = values.map(({ stored }) => SEALED_CONTENT.exec(stored));
      const ids = new Set(matches.flatMap((match) => (match ? [match[1]!] : [])));
      const found = new Map(
        await Promise.all([...ids].map(async (id) => [id, await keys.keyById(id)] as const)),
      );
      return values.map(({ stored, place }, index) => {
        const match = matches[index];
        if (!match) return stored;
        const key = found.get(match[1]!);
        return key ? openWith(key.key, match, place) : null;
      });
    },
    sealField: (subject, plaintext, place) => sealer.seal(subject, plaintext, fieldPlace(place)),
    openField: (stored, place) => sealer.open(stored, fieldPlace(place)),
  };
  return sealer;
}

/**
 * A request's view of the sealer: each stored value is opened once per request, however many
 * resolvers read it (a list sorts by its opened names, then resolves each name). Lives as long as
 * the request, so a key destroyed meanwhile is seen by the next request, as with the key cache.
 */
export function requestSealer(sealer: ContentSealer): ContentSealer {
  // The names a request resolves one by one (a list's) open as one batch.
  const opened = new DataLoader<SealedAt, string | null, string>((values) => sealer.openMany(values), {
    cacheKeyFn: ({ stored, place }) => `${place}\u0001${stored}`,
  });
  const scoped: ContentSealer = {
    seal: (subject, plaintext, place) => sealer.seal(subject, plaintext, place),
    open(stored, place) {
      const at = { stored, place };
      return opened.load(at).catch((error: unknown) => {
        // A failure is not remembered: the next reader gets its own coded error and log line.
        opened.clear(at);
        throw error;
      });
    },
    async openMany(values) {
      const results = await opened.loadMany(values);
      results.forEach((result, index) => result instanceof Error && opened.clear(values[index]!));
      return results;
    },
    sealField: (subject, plaintext, place) => scoped.seal(subject, plaintext, fieldPlace(place)),
    openField: (stored, place) => scoped.open(stored, fieldPlace(place)),
  };
  return scoped;
}
