import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import { runInScope, scopeOf } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';
import type { CheckpointKeys } from '../chain/checkpoint-signature.ts';
import { auditReadAccess, type AuditReadAccess } from '../event/audit-access.ts';
import { appendAuditEvent } from '../event/audit-event.repository.ts';
import { readChainHead } from '../event/chain-head.ts';
import { scanEvents, type EventQuery, type StoredAuditEvent } from '../event/event-scan.ts';
import { openedDigest, signExportCheckpoint } from './export-checkpoint.ts';
import {
  checkpointLine,
  csvHeader,
  csvRow,
  exportCheckpointLine,
  jsonLine,
  openedRecordOf,
  type RetentionCheckpointRecord,
} from './log-export-format.ts';
import { AUDIT_EXPORT_FORMATS, parseAuditExportQuery } from '../../../../contracts/audit-log-export.ts';
import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { openEvents } from '../content/opened-event.ts';

/** Sequences per query, and bytes buffered before a write: memory stays flat. */
const SEQUENCES_PER_FETCH = 1000;
const WRITE_BYTES = 64 * 1024;

const REFUSALS: Record<Exclude<AuditReadAccess, 'ALLOWED'>, HttpError> = {
  UNAUTHENTICATED: new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Sign in first'),
  NOT_FOUND: new HttpError(404, ErrorCode.NOT_FOUND, 'Organization not found'),
  FORBIDDEN: new HttpError(403, ErrorCode.FORBIDDEN, 'Not authorised'),
};

/**
 * GET /internal/audit-export?organizationId=…&format=csv|jsonl&from=…&to=…: the organization's
 * events in sequence order, streamed in bounded batches (keyset on the sequence). Same access as
 * `auditEvents`. The export itself is audited first. An error after the first byte cuts the
 * connection, so a partial file never looks complete. JSON Lines verify offline: a first line
 * with the signed retention checkpoint the first event links to (when it follows a purge), the
 * events as hashed, and a last line signing what the file holds (export-checkpoint.ts).
 */
export const createAuditLogExportRoute =
  (keys: CheckpointKeys): InternalRoute =>
  async (req, res, { principal, origin, orm, sealer }) => {
    if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
    const parsed = parseAuditExportQuery(new URL(req.url ?? '/', 'http://internal').searchParams);
    if (!parsed.ok) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, parsed.message);
    const { query } = parsed;
    const access = auditReadAccess(principal, query.organizationId);
    if (access !== 'ALLOWED') throw REFUSALS[access];

    const scope = scopeOf(principal);
    // Its own short transaction: the organization's append lock is not held while the file streams.
    await runInScope(orm, scope, ({ em }) =>
      appendAuditEvent(em, sealer, {
        organizationId: query.organizationId,
        action: 'audit.log.exported',
        outcome: 'SUCCESS',
        actor: {
          type: principal.kind === 'apiKey' ? 'API_KEY' : 'USER',
          id:
            principal.kind === 'apiKey'
              ? principal.keyId
              : principal.kind === 'user'
                ? principal.userId
                : null,
          ip: origin.ip,
          userAgent: origin.userAgent,
        },
        target: { type: 'Organization', id: query.organizationId },
        metadata: { format: query.format, from: query.from ?? null, to: query.to ?? null },
      }),
    );

    const { contentType, extension } = AUDIT_EXPORT_FORMATS[query.format];
    res.writeHead(200, {
      'content-type': contentType,
      'content-disposition': `attachment; filename="audit-${query.organizationId}.${extension}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const out = bufferedWriter(res);
    // Each batch in a short transaction of its own: a slow client holds no connection meanwhile.
    const read: EventQuery = (sql, params) => runInScope(orm, scope, ({ em }) => em.execute(sql, params));
    const range = { from: query.from, to: query.to };
    const batches = openBatches(sealer, scanEvents(read, query.organizationId, range, SEQUENCES_PER_FETCH));
    if (query.format === 'csv') {
      await out.write(csvHeader());
      for await (const batch of batches) {
        if (res.destroyed) break;
        await out.write(batch.map(csvRow).join(''));
      }
      return out.end();
    }

    // Read before the events: a whole-chain export ends on it (later appends are left out).
    const head = await runInScope(orm, scope, ({ em }) => readChainHead(em, query.organizationId));
    const whole = !query.from && !query.to;
    let first: StoredAuditEvent | null = null;
    let last: StoredAuditEvent | null = null;
    let count = 0;
    const opened = openedDigest();
    for await (const batch of batches) {
      if (res.destroyed) break;
      const kept = whole && head ? batch.filter((event) => event.sequence <= head.sequence) : batch;
      if (!kept.length) continue;
      if (!first) {
        first = kept[0]!;
        const checkpoint = await checkpointBefore(read, query.organizationId, first.sequence);
        if (checkpoint) await out.write(checkpointLine(checkpoint));
      }
      last = kept.at(-1)!;
      count += kept.length;
      for (const event of kept) opened.add(event.sequence, openedRecordOf(event));
      await out.write(kept.map(jsonLine).join(''));
    }
    if (res.destroyed) return;
    if (!first && whole && head) {
      // Everything purged: the checkpoint at the head is where the chain stands.
      const checkpoint = await checkpointBefore(read, query.organizationId, head.sequence + 1);
      if (checkpoint) await out.write(checkpointLine(checkpoint));
    }
    const signed = signExportCheckpoint(keys, {
      organizationId: query.organizationId,
      from: query.from?.toISOString() ?? null,
      to: query.to?.toISOString() ?? null,
      exportedAt: new Date().toISOString(),
      events: count,
      firstSequence: first?.sequence ?? null,
      lastSequence: last?.sequence ?? null,
      firstPreviousHash: first?.previousHash ?? null,
      lastHash: last?.hash ?? null,
      head,
      openedSha256: opened.hex(),
    });
    await out.write(exportCheckpointLine(signed));
    await out.end();
  };

/** Each batch with its content opened (the key store caches the data keys between batches). */
async function* openBatches(sealer: ContentSealer, batches: AsyncGenerator<StoredAuditEvent[]>) {
  for await (const batch of batches) yield await openEvents(sealer, batch);
}

/** The retention checkpoint that the event at `sequence` links to, if a purge left one there. */
async function checkpointBefore(
  read: EventQuery,
  organizationId: string,
  sequence: number,
): Promise<RetentionCheckpointRecord | null> {
  const [row] = await read<{
    sequence: string;
    hash: string;
    purged_at: string;
    key_id: string;
    signature: string;
  }>(
    `select sequence, hash, to_char(purged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as purged_at,
            key_id, signature from audit.checkpoints where organization_id = ? and sequence = ?`,
    [organizationId, sequence - 1],
  );
  return row
    ? {
        organizationId,
        sequence: Number(row.sequence),
        hash: row.hash,
        purgedAt: row.purged_at,
        keyId: row.key_id,
        signature: row.signature,
      }
    : null;
}

/** Collects text into ~64 kB writes and waits for the socket to drain (or close) between them. */
function bufferedWriter(res: ServerResponse) {
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (pending.length === 0 || res.destroyed) return;
    const chunk = pending.join('');
    pending = [];
    size = 0;
    if (res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };
  return {
    write: async (text: string) => {
      pending.push(text);
      size += text.length;
      if (size >= WRITE_BYTES) await flush();
    },
    end: async () => {
      await flush();
      if (!res.destroyed) res.end();
    },
  };
}
