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

  const sealer: ContentSealer = {
    async seal(subject, plaintext, place) {
      const key = await keys.keyFor(subject);
      return `${key.id}/${seal(key.key, plaintext, place)}`;
    },
    async open(stored, place) {
      const match = SEALED_CONTENT.exec(stored);
      if (!match) return stored;
      const [, keyId, box] = match;
      const key = await keys.keyById(keyId!);
      if (!key) return null;
      try {
        return open(key.key, box!, place).toString('utf8');
      } catch (error) {
        if (!(error instanceof SealedValueError)) throw error;
        failures.inc({ reason: error.reason });
        // Where, never what: the place names a row and field, the value stays out of the log.
        options.logger?.error(
          { keyId, place: place.replaceAll('\0', '/'), reason: error.reason },
          'a sealed value failed its integrity check',
        );
        throw dataIntegrityError();
      }
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
  const opened = new Map<string, Promise<string | null>>();
  const scoped: ContentSealer = {
    seal: (subject, plaintext, place) => sealer.seal(subject, plaintext, place),
    open(stored, place) {
      const key = `${place}\u0001${stored}`;
      let value = opened.get(key);
      if (!value) {
        value = sealer.open(stored, place);
        opened.set(key, value);
        // A failure is not remembered: the next reader gets its own coded error and log line.
        value.catch(() => opened.delete(key));
      }
      return value;
    },
    sealField: (subject, plaintext, place) => scoped.seal(subject, plaintext, fieldPlace(place)),
    openField: (stored, place) => scoped.open(stored, fieldPlace(place)),
  };
  return scoped;
}
