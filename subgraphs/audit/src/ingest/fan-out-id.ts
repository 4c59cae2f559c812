import { createHash } from 'node:crypto';

/** Namespace of fan-out copy ids (a fixed random UUID; never change it, ids derive from it). */
const FAN_OUT_NAMESPACE = '6f1d3c52-8a0e-4b7f-9c21-5e4a7d9b0c13';

/** The chain of events that belong to no organization: a user without one. No tenant can see it. */
export const PLATFORM_CHAIN_ID = '00000000-0000-0000-0000-000000000000';

/** RFC 9562 UUID version 5 (SHA-1, name-based): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of a user's own event copied into one organization's chain: derived from the event id and
 * the organization, so a redelivered event yields the same copies, and the chain's dedupe by id
 * applies to each copy. Anyone holding the outbox event id can recompute it.
 */
export const fanOutCopyId = (eventId: string, organizationId: string) =>
  uuidV5(`${eventId.toLowerCase()}/${organizationId.toLowerCase()}`, FAN_OUT_NAMESPACE);
