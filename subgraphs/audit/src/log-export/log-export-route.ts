import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import { runInScope, scopeOf } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';
import { auditReadAccess, type AuditReadAccess } from '../event/audit-access.ts';
import { appendAuditEvent } from '../event/audit-event.repository.ts';
import { scanEvents, type EventQuery } from '../event/event-scan.ts';
import { csvHeader, csvRow, jsonLine } from './log-export-format.ts';
import { AUDIT_EXPORT_FORMATS, parseAuditExportQuery } from '../../../../contracts/audit-log-export.ts';

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
 * connection, so a partial file never looks complete.
 */
export const auditLogExportRoute: InternalRoute = async (req, res, { principal, origin, orm }) => {
  if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
  const parsed = parseAuditExportQuery(new URL(req.url ?? '/', 'http://internal').searchParams);
  if (!parsed.ok) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, parsed.message);
  const { query } = parsed;
  const access = auditReadAccess(principal, query.organizationId);
  if (access !== 'ALLOWED') throw REFUSALS[access];

  const scope = scopeOf(principal);
  // Its own short transaction: the organization's append lock is not held while the file streams.
  await runInScope(orm, scope, ({ em }) =>
    appendAuditEvent(em, {
      organizationId: query.organizationId,
      action: 'audit.log.exported',
      outcome: 'SUCCESS',
      actor: {
        type: principal.kind === 'apiKey' ? 'API_KEY' : 'USER',
        id:
          principal.kind === 'apiKey' ? principal.keyId : principal.kind === 'user' ? principal.userId : null,
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
  if (query.format === 'csv') await out.write(csvHeader());
  const line = query.format === 'csv' ? csvRow : jsonLine;
  // Each batch in a short transaction of its own: a slow client holds no connection meanwhile.
  const read: EventQuery = (sql, params) => runInScope(orm, scope, ({ em }) => em.execute(sql, params));
  const range = { from: query.from, to: query.to };
  for await (const batch of scanEvents(read, query.organizationId, range, SEQUENCES_PER_FETCH)) {
    if (res.destroyed) break;
    await out.write(batch.map(line).join(''));
  }
  await out.end();
};

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
