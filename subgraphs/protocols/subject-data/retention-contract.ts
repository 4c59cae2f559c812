import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ErrorCode } from '../../../platform/errors.ts';
import { HttpError, readBody } from '../../../platform/http.ts';
import type { Principal } from '../../../platform/principal.ts';
import { Id } from '../../../platform/ids.ts';

/**
 * The internal routes through which lifecycle's retention sweep has each subgraph apply an
 * organization's retention policy to what it owns. Reachable only with the lifecycle service's
 * internal token. The POSTs are idempotent: asking again deletes nothing more.
 */
export const RETENTION_ROUTES = {
  /** identity, POST IdentityRetentionBody: deletes old sign-in attempts and ended sessions → IdentityRetentionResult. */
  identity: '/internal/identity/retention',
  /**
   * identity, POST UnattributedRetentionBody: deletes old sign-in attempts attributed to no user (an
   * unknown email, or a deleted user's kept pseudonymized), which no organization's policy governs
   * → UnattributedRetentionResult.
   */
  unattributed: '/internal/identity/retention/unattributed',
  /** audit, POST AuditRetentionBody: sets how long the organization keeps its events → AuditRetentionResult. */
  audit: '/internal/audit/retention',
  /** tenancy, GET `?after=<id>&limit=N`: every organization's id, in id order → IdPage. */
  organizations: '/internal/tenancy/retention/organizations',
  /** tenancy, GET `?organizationId=…&after=<id>&limit=N`: the organization's member user ids → IdPage. */
  members: '/internal/tenancy/retention/members',
} as const;

/** At most this many ids per tenancy page, and user ids per identity call. */
export const RETENTION_PAGE_LIMIT = 1000;

/**
 * The floors the owning subgraphs enforce themselves too, whatever lifecycle asks: identity moves
 * a cutoff newer than `now - floor` back to it, audit refuses fewer months.
 */
export const RETENTION_FLOORS = {
  signInAttemptsDays: 30,
  sessionsDays: 1,
  auditMonths: 12,
} as const;

/** Cutoffs are instants; a category without one is left alone. */
export const IdentityRetentionBody = z.object({
  userIds: z.array(Id()).min(1).max(RETENTION_PAGE_LIMIT),
  signInAttemptsBefore: z.iso.datetime({ offset: true }).optional(),
  sessionsEndedBefore: z.iso.datetime({ offset: true }).optional(),
});
export type IdentityRetentionBody = z.infer<typeof IdentityRetentionBody>;

export interface IdentityRetentionResult {
  signInAttempts: number;
  sessions: number;
}

export const UnattributedRetentionBody = z.object({
  signInAttemptsBefore: z.iso.datetime({ offset: true }),
});
export type UnattributedRetentionBody = z.infer<typeof UnattributedRetentionBody>;

export interface UnattributedRetentionResult {
  signInAttempts: number;
}

/** Ten years at most, rounded up from days: the longest period a lifecycle policy gives. */
export const AuditRetentionBody = z.object({
  organizationId: Id(),
  keepMonths: z.number().int().min(RETENTION_FLOORS.auditMonths).max(122),
});
export type AuditRetentionBody = z.infer<typeof AuditRetentionBody>;

export interface AuditRetentionResult {
  keepMonths: number;
  /** False when the organization already kept its events exactly that long. */
  changed: boolean;
}

export interface IdPage {
  ids: string[];
}

/** Refuses anyone but the lifecycle service, and any other method than `method`. */
export function requireLifecycle(req: IncomingMessage, principal: Principal, method: 'GET' | 'POST'): void {
  if (principal.kind !== 'system' || principal.service !== 'lifecycle') {
    throw new HttpError(403, ErrorCode.FORBIDDEN, 'Lifecycle service only');
  }
  if (req.method !== method) throw new HttpError(405, ErrorCode.BAD_REQUEST, `Use ${method}`);
}

/** The JSON body, checked against `schema`; 400 otherwise. */
export async function readJsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req, 64 * 1024));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, ErrorCode.BAD_REQUEST, 'Malformed JSON body');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      ErrorCode.BAD_USER_INPUT,
      `${issue?.path.join('.') ?? 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

const IdPageQuery = z.object({
  organizationId: Id().optional(),
  after: Id().optional(),
  limit: z.coerce.number().int().min(1).max(RETENTION_PAGE_LIMIT).default(RETENTION_PAGE_LIMIT),
});

/** The query of a GET page of ids; 400 when malformed. */
export function idPageQuery(req: IncomingMessage): z.infer<typeof IdPageQuery> {
  const params = new URL(req.url ?? '/', 'http://internal').searchParams;
  const parsed = IdPageQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Invalid page query');
  return parsed.data;
}

export function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
