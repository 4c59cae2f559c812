import { z } from 'zod';
import { Id } from '../platform/ids.ts';
import type { RouteContract } from './contract.ts';

/**
 * GET AuditExportQuery: streams an organization's audit log, any range, as CSV or JSON Lines.
 * The gateway forwards its public `GET /audit/export` here with the caller's principal; the
 * audit subgraph checks it (ADMIN, or an API key with `audit:read`). Not the subject-data export.
 */
export const auditLogExportRoute = {
  path: '/internal/audit-export',
  method: 'GET',
  owner: 'audit',
  callers: ['gateway'],
} as const satisfies RouteContract;

export const AUDIT_EXPORT_PATH = auditLogExportRoute.path;

export const AUDIT_EXPORT_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
} as const;
export type AuditExportFormat = keyof typeof AUDIT_EXPORT_FORMATS;

const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * The query string of an export: `organizationId` (required), `format` (`csv`, the default, or
 * `jsonl`), `from` (inclusive) and `to` (exclusive), ISO-8601 instants, both optional: any range.
 */
export const AuditExportQuery = z
  .object({
    organizationId: Id(),
    format: z
      .string()
      .default('csv')
      .transform((format) => format.toLowerCase())
      .pipe(z.enum(['csv', 'jsonl'])),
    from: Instant.optional(),
    to: Instant.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** Parses a URL's search parameters; the first problem, in words, otherwise. */
export function parseAuditExportQuery(
  params: URLSearchParams,
): { ok: true; query: AuditExportQuery } | { ok: false; message: string } {
  const parsed = AuditExportQuery.safeParse(Object.fromEntries(params));
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}` };
}
