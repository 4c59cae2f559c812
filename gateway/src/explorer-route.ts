import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The development GraphQL explorer (GraphiQL, bundled by gateway/console/explorer-build.ts) at
 * /explorer, served from the gateway itself: no CDN, nothing loaded from another origin. The
 * gateway registers it only when NODE_ENV is not production (no introspection there either).
 */
export const EXPLORER_PATH = '/explorer';
const DIST = join(import.meta.dirname, '..', 'console', '.dist-explorer');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

// Only this origin; GraphiQL sets style attributes and inlines its fonts as data: URLs.
const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function fileOf(relative: string): { path: string; size: number } | null {
  if (relative.includes('\0')) return null;
  const path = normalize(join(DIST, relative));
  if (!path.startsWith(DIST + sep)) return null;
  try {
    const stat = statSync(path);
    return stat.isFile() ? { path, size: stat.size } : null;
  } catch {
    return null;
  }
}

/** Serves /explorer and its assets; returns false for other paths. */
export function serveExplorer(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (path !== EXPLORER_PATH && !path.startsWith(`${EXPLORER_PATH}/`)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET');
    return true;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(EXPLORER_PATH.length));
  } catch {
    relative = '\0';
  }
  const asset = relative.startsWith('/assets/');
  const file = asset ? fileOf(relative) : fileOf('explorer.html');
  if (!file) {
    res
      .writeHead(asset ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' })
      .end(asset ? 'Not found' : 'The explorer is not built: run npm run explorer:build');
    return true;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream',
    'content-length': String(file.size),
    'cache-control': asset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': EXPLORER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file.path).pipe(res);
  return true;
}

/** A browser opening GET /graphql (an HTML page asked for, no query): sent to the explorer. */
export function redirectsToExplorer(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const url = req.url ?? '';
  if (path !== '/graphql' || req.method !== 'GET' || url.includes('?')) return false;
  if (!String(req.headers.accept ?? '').includes('text/html')) return false;
  res.writeHead(302, { location: `${EXPLORER_PATH}/` }).end();
  return true;
}
