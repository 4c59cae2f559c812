/** A JSON value as it round-trips through jsonb. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Canonical JSON: no whitespace, object keys sorted by UTF-16 code units, every string quoted and
 * escaped by JSON.stringify. The same value always encodes to the same text whatever its key order
 * (jsonb does not keep it), and no string can forge a field boundary, since quotes are escaped.
 * Anything that is not plain JSON (undefined, NaN, Date, class instances) is refused, not coerced.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Canonical JSON: numbers must be finite');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      // A plain object of any realm (JSON.parse in a worker or VM context has its own Object).
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
        throw new TypeError('Canonical JSON: only plain objects are allowed');
      }
      const members = Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`Canonical JSON: unsupported value of type ${typeof value}`);
  }
}

/**
 * Text PostgreSQL accepts in `text` and `jsonb`: NUL and lone surrogates are refused there, and a
 * hostile user agent must not be able to make the action it belongs to fail.
 */
export const storableText = (text: string): string => text.toWellFormed().replaceAll('\u0000', '\uFFFD');

/**
 * Turns caller metadata into the exact JSON that jsonb will hold (toJSON applied, undefined
 * dropped, strings made storable), so that the stored value hashes as the appended one did.
 */
export function toStorableJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const plain = JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue;
  return mapStrings(plain);
}

function mapStrings(value: JsonValue): JsonValue {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(mapStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), mapStrings(v)]));
  }
  return value;
}
