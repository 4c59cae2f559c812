import { z } from 'zod';
import type { JsonValue } from '../../../../platform/canonical-json.ts';
import { chainWalk, type ChainBreakReason, type ChainPoint } from '../chain/chain-walk.ts';
import { verifyCheckpoint, type CheckpointKeys } from '../chain/checkpoint-signature.ts';
import { hashAuditRecord, type AuditRecord } from '../event/audit-hash.ts';
import { openedDigest, verifyExportCheckpoint, type ExportCheckpoint } from './export-checkpoint.ts';

/** Why an export fails: a break of its chain, or of the file around it. */
export type ExportBreakReason =
  | ChainBreakReason
  | 'MALFORMED_LINE'
  | 'EXPORT_CHECKPOINT_MISSING'
  | 'EXPORT_SIGNATURE'
  | 'OTHER_ORGANIZATION'
  /** The events' `opened` content is not what the signed end digested: changed after export. */
  | 'OPENED_MISMATCH';

export interface ExportVerification {
  valid: boolean;
  /** Events in the file. */
  events: number;
  organizationId: string | null;
  /** The first sequence where the chain breaks, when it does. */
  brokenAt: number | null;
  /** The file's line (from 1) where the problem shows, when one line shows it. */
  line: number | null;
  reason: ExportBreakReason | null;
  /** Whether the signatures (export checkpoint, retention checkpoint) were checked with a key. */
  signatures: 'VALID' | 'NOT_CHECKED';
  firstSequence: number | null;
  lastSequence: number | null;
  lastHash: string | null;
}

const Sequence = z.number().int().positive();
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const RetentionCheckpoint = z.strictObject({
  organizationId: z.string(),
  sequence: Sequence,
  hash: Hash,
  purgedAt: z.iso.datetime(),
  keyId: z.string(),
  signature: z.string(),
});
const ExportCheckpointLine = z.strictObject({
  organizationId: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  exportedAt: z.string(),
  events: z.number().int().nonnegative(),
  firstSequence: Sequence.nullable(),
  lastSequence: Sequence.nullable(),
  firstPreviousHash: Hash.nullable(),
  lastHash: Hash.nullable(),
  head: z.strictObject({ sequence: Sequence, hash: Hash }).nullable(),
  openedSha256: Hash.optional(),
  keyId: z.string(),
  signature: z.string(),
});
const EventLine = z.looseObject({
  organizationId: z.string(),
  sequence: Sequence,
  previousHash: Hash.nullable(),
  hash: Hash,
});

/**
 * Verifies a JSON Lines audit export as it reads, offline: every event's hash recomputed over the
 * line's own text (no normalising: a time rewritten as `+00:00` fails), each linking to the one
 * before from the retention checkpoint, sequence 1 or the signed start of a range; the last line's
 * signed export checkpoint matching what the file holds, and for a whole-chain export the chain
 * head recorded when it was made. With keys, both signatures must verify.
 */
export function verifyAuditExport(
  text: string,
  keys: Pick<CheckpointKeys, 'verifying'> | null,
): ExportVerification {
  const result: ExportVerification = {
    valid: true,
    events: 0,
    organizationId: null,
    brokenAt: null,
    line: null,
    reason: null,
    signatures: keys ? 'VALID' : 'NOT_CHECKED',
    firstSequence: null,
    lastSequence: null,
    lastHash: null,
  };
  const fail = (reason: ExportBreakReason, line: number | null, brokenAt: number | null = null) => ({
    ...result,
    valid: false,
    reason,
    line,
    brokenAt,
  });

  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const parsed: JsonValue[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      parsed.push(JSON.parse(line) as JsonValue);
    } catch {
      return fail('MALFORMED_LINE', index + 1);
    }
  }
  const trailer = ExportCheckpointLine.safeParse(field(parsed.at(-1), 'exportCheckpoint'));
  if (!trailer.success) return fail('EXPORT_CHECKPOINT_MISSING', lines.length || null);
  const end: ExportCheckpoint = trailer.data;
  result.organizationId = end.organizationId;
  if (keys && !verifyExportCheckpoint(keys, end)) return fail('EXPORT_SIGNATURE', lines.length);

  let firstEventLine = 0;
  let start: ChainPoint | null = null;
  const retention = field(parsed[0], 'checkpoint');
  if (retention !== undefined) {
    const checkpoint = RetentionCheckpoint.safeParse(retention);
    if (!checkpoint.success) return fail('MALFORMED_LINE', 1);
    const { data } = checkpoint;
    if (data.organizationId !== end.organizationId) return fail('OTHER_ORGANIZATION', 1);
    const content = { ...data, purgedAt: new Date(data.purgedAt) };
    if (keys && !verifyCheckpoint(keys, content, data.keyId, data.signature))
      return fail('CHECKPOINT_SIGNATURE', 1, data.sequence);
    start = { sequence: data.sequence, hash: data.hash };
    firstEventLine = 1;
  } else if (end.firstSequence !== null && end.firstSequence > 1) {
    // A range starting inside the chain: the signed end names what its first event links to.
    if (end.firstPreviousHash === null) return fail('LINK_BROKEN', lines.length, end.firstSequence);
    start = { sequence: end.firstSequence - 1, hash: end.firstPreviousHash };
  }

  const walk = chainWalk(start);
  const opened = openedDigest();
  for (let index = firstEventLine; index < parsed.length - 1; index++) {
    const record = parsed[index];
    const event = EventLine.safeParse(record);
    if (!event.success) return fail('MALFORMED_LINE', index + 1);
    if (event.data.organizationId !== end.organizationId) return fail('OTHER_ORGANIZATION', index + 1);
    // `opened`: the content as it read at export time, beside the hashed record; the signed end
    // covers it (openedSha256), as the hashes cover only the sealed form.
    const { hash, opened: content, ...hashed } = record as AuditRecord;
    if (content !== undefined) opened.add(event.data.sequence, content);
    result.events += 1;
    result.firstSequence ??= event.data.sequence;
    const broken = walk.push({ ...event.data, hash: String(hash), recomputedHash: hashAuditRecord(hashed) });
    if (broken) return fail(broken.reason, index + 1, broken.at);
    result.lastSequence = event.data.sequence;
    result.lastHash = event.data.hash;
  }

  // The file must end where its signed end says, and a whole chain where its head stood.
  const stated =
    end.lastSequence !== null && end.lastHash !== null
      ? { sequence: end.lastSequence, hash: end.lastHash }
      : start;
  const cut = walk.finish(stated);
  if (cut) return fail(cut.reason, null, cut.at);
  if (result.events !== end.events) return fail('EVENT_MISSING', null);
  if (end.openedSha256 !== undefined && opened.hex() !== end.openedSha256)
    return fail('OPENED_MISMATCH', null);
  if (end.from === null && end.to === null) {
    const atHead = walk.finish(end.head);
    if (atHead) return fail(atHead.reason, null, atHead.at);
  }
  return result;
}

function field(value: JsonValue | undefined, name: string): JsonValue | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value[name] : undefined;
}
