import { auditRecordOf } from '../event/audit-hash.ts';
import type { StoredAuditEvent } from '../event/event-scan.ts';
import type { ExportCheckpoint } from './export-checkpoint.ts';
import type { Opened } from '../content/opened-event.ts';
import { openedOrThrow } from '../content/content-errors.ts';

/** The columns of a CSV export, in order. */
export const CSV_COLUMNS = [
  'sequence',
  'id',
  'occurred_at',
  'action',
  'outcome',
  'actor_type',
  'actor_id',
  'actor_ip',
  'actor_user_agent',
  'actor_device_type',
  'target_type',
  'target_id',
  'metadata',
  'previous_hash',
  'hash',
  'erased',
] as const;

// C0 controls but tab, LF and CR; DEL; C1 controls (ESC starts ANSI sequences, U+009B is a CSI).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// What spreadsheets read as the start of a formula (ASCII and full-width forms).
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

const escapeCode = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One CSV field (RFC 4180): text is always quoted with its quotes doubled, so commas and line
 * breaks stay inside the field; control characters become visible `\uXXXX` text, so no terminal
 * runs an ANSI sequence; a value a spreadsheet would run as a formula gets a leading `'`.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const visible = value.replace(CONTROL, escapeCode);
  const inert = FORMULA_START.test(visible) ? `'${visible}` : visible;
  return `"${inert.replaceAll('"', '""')}"`;
}

export const csvHeader = () => `${CSV_COLUMNS.join(',')}\r\n`;

/**
 * One event as a CSV row, its content opened (erased content empty, `erased` true); a value that
 * fails to authenticate stops the export (AuditContentTamperedError), never written as it reads.
 */
export function csvRow(event: Opened<StoredAuditEvent>): string {
  const opened = openedOrThrow(event.opened);
  const fields = [
    event.sequence,
    event.id,
    event.occurredAt.toISOString(),
    event.action,
    event.outcome,
    event.actorType,
    event.actorId,
    opened.actorIp,
    opened.actorUserAgent,
    event.actorDeviceType,
    event.targetType,
    event.targetId,
    opened.metadata === null ? null : JSON.stringify(opened.metadata),
    event.previousHash,
    event.hash,
    opened.erased ? 'true' : 'false',
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}

// JSON.stringify escapes C0 controls already; these it leaves raw, and some terminals act on them.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

const line = (value: unknown) => `${JSON.stringify(value).replace(JSON_UNSAFE, escapeCode)}\n`;

/**
 * One JSON Lines record: exactly the representation the event's hash was taken over (times in
 * the `Z` form, to the millisecond, content sealed), plus `hash`, so each line re-verifies as it
 * reads (hashAuditRecord; `npm run verify-audit-export`), and `opened`: the sealed content as it
 * reads now (in clear, or null with `erased: true` once a subject's key is destroyed).
 */
export function jsonLine(event: Opened<StoredAuditEvent>): string {
  return line({ ...auditRecordOf(event), hash: event.hash, opened: openedRecordOf(event) });
}

/** An event's `opened` content as exported (and digested into the signed end, openedDigest). */
export function openedRecordOf(event: Opened<StoredAuditEvent>) {
  const { actorIp, actorUserAgent, metadata, erased } = openedOrThrow(event.opened);
  return { actor: { ip: actorIp, userAgent: actorUserAgent }, metadata, erased };
}

/** The retention checkpoint the first exported event links to, as the purge signed it. */
export interface RetentionCheckpointRecord {
  organizationId: string;
  sequence: number;
  hash: string;
  /** ISO-8601 to the millisecond, `Z`: the signed text. */
  purgedAt: string;
  keyId: string;
  signature: string;
}

/** The first line of an export whose first event follows a purged prefix. */
export const checkpointLine = (checkpoint: RetentionCheckpointRecord) => line({ checkpoint });

/** The last line of every JSON Lines export: its signed end (export-checkpoint.ts). */
export const exportCheckpointLine = (exportCheckpoint: ExportCheckpoint) => line({ exportCheckpoint });
