import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { IdPageQuery } from '../../contracts/retention.ts';
import { ErrorCode } from '../../platform/errors.ts';
import { HttpError, readBody } from '../../platform/http.ts';
import type { Principal } from '../../platform/principal.ts';

// What an internal JSON route does on the serving side of its contract: check the caller, read
// the request against the contract's schema, answer JSON.

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
