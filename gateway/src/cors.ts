import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/** The origins a front end usually runs on during development (Vite, Next.js and React, Angular, others). */
export const DEVELOPMENT_ORIGINS: readonly string[] = [3000, 4200, 5173, 8080].flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

/** What a browser client of the graph sends: its body type, its bearer token, Apollo's own headers. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
].join(', ');
/** Headers a browser client may read from an answer: the request id to quote, when to retry. */
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS_ORIGINS: comma-separated origins (`https://app.example.com`), each exactly an origin: a
 * scheme, a host and maybe a port, nothing else. `*` is refused: answers carry credentials.
 */
export const CorsOrigins = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const origins = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = null;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        ctx.addIssue({ code: 'custom', message: `not an origin (https://host[:port]): ${origin}` });
        return z.NEVER;
      }
    }
    return origins.map((origin) => new URL(origin).origin);
  });

/** The allowed origins: as configured, else none in production and the usual local ones in development. */
export const corsOriginsOf = (configured: readonly string[] | undefined, production: boolean) =>
  configured ?? (production ? [] : DEVELOPMENT_ORIGINS);

/**
 * Cross-origin access for browser front ends served from another origin. An allowed origin gets
 * its preflight answered (methods, headers, credentials) and the allow headers on every answer;
 * any other origin gets none, so the browser keeps the answer from it. CSRF prevention is not
 * affected: Apollo still refuses a simple request (no preflight) without its required header.
 * Returns true when it answered the request itself (a preflight).
 */
export function createCors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS';
    if (origin || preflight) res.setHeader('vary', 'Origin');
    const permitted = origin !== undefined && allowed.has(origin);
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (!preflight) return false;
    if (permitted && req.headers['access-control-request-method']) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
    }
    res.writeHead(204).end();
    return true;
  };
}
