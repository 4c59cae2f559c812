import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** The public route: `GET /audit/export?organizationId=…&format=csv|jsonl&from=…&to=…`. */
export const AUDIT_EXPORT_ROUTE = '/audit/export';
/** The audit subgraph's internal route it streams from (behind the internal token). */
const INTERNAL_EXPORT_PATH = '/internal/audit-export';
const PASSED_HEADERS = ['content-type', 'content-disposition'];

/**
 * Streams an audit export from the audit subgraph to the client, any range, without buffering:
 * the subgraph checks the principal (ADMIN, or an API key with `audit:read`) and answers coded
 * errors; a client that goes away aborts the upstream query.
 */
export async function streamAuditExport(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: { auditUrl: string; token: string; requestId: string },
): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://gateway').search;
  const url = upstream.auditUrl.replace(/\/graphql$/, INTERNAL_EXPORT_PATH) + query;
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${upstream.token}`, 'x-request-id': upstream.requestId },
    signal: abort.signal,
  });
  const headers: Record<string, string> = { 'x-request-id': upstream.requestId };
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), res);
}
