import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIT_EXPORT_PATH } from '../../contracts/audit-log-export.ts';
import { streamFromSubgraph, type SubgraphStreamOptions } from './subgraph-stream.ts';

/** The public route: `GET /audit/export?organizationId=…&format=csv|jsonl&from=…&to=…`. */
export const AUDIT_LOG_EXPORT_ROUTE = '/audit/export';
const PASSED_HEADERS = ['content-type', 'content-disposition'];

/**
 * Streams an audit export from the audit subgraph to the client, any range, without buffering:
 * the subgraph checks the principal (ADMIN, or an API key with `audit:read`) and answers coded
 * errors; a client that goes away aborts the upstream query.
 */
export function streamAuditLogExport(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: { auditUrl: string | undefined } & Pick<
    SubgraphStreamOptions,
    'token' | 'requestId' | 'timeoutMs' | 'logger'
  >,
): Promise<void> {
  const { auditUrl, ...rest } = upstream;
  return streamFromSubgraph(req, res, {
    ...rest,
    subgraphUrl: auditUrl,
    path: AUDIT_EXPORT_PATH,
    headers: PASSED_HEADERS,
  });
}
