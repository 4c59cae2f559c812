import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** The console (gateway/console): a single-page app served from its built folder at /console. */
export const CONSOLE_PATH = '/console';
const DIST = join(import.meta.dirname, '..', 'console', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Only the console's own origin: scripts, styles, fonts and images from here, requests to the
 * graph here, no frames, no plugins, no inline script. Nothing loads from anywhere else.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** A file of the build, or null when there is none at that path (or the path leaves the build). */
function fileOf(relative: string): { path: string; size: number } | null {
  const path = normalize(join(DIST, relative));
  if (path !== DIST && !path.startsWith(DIST + sep)) return null;
  try {
    const stat = statSync(path);
    return stat.isFile() ? { path, size: stat.size } : null;
  } catch {
    return null;
  }
}

/** True when the client takes gzip (`accept-encoding: gzip`, not with q=0). */
const acceptsGzip = (req: IncomingMessage) =>
  String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.trim().split(';');
      return coding === 'gzip' && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
    });

function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; size: number },
  cache: string,
) {
  // The build keeps a gzip copy beside each compressible asset (gateway/console/build.ts).
  const gzipped = file.path.includes(`${sep}assets${sep}`)
    ? fileOf(`${file.path.slice(DIST.length)}.gz`)
    : null;
  const body = gzipped && acceptsGzip(req) ? gzipped : file;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream',
    'content-length': String(body.size),
    'cache-control': cache,
    ...(gzipped ? { vary: 'accept-encoding' } : {}),
    ...(body === gzipped ? { 'content-encoding': 'gzip' } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(body.path).pipe(res);
}

/**
 * Serves /console and /console/*: the hashed assets under /console/assets/ cached for a year
 * (their names change with their content), every other path the app's page (never cached, so a
 * new build is picked up), which routes in the browser. A missing asset is a 404, not the page.
 * Returns false for paths outside /console.
 */
export function serveConsole(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET');
    return true;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(CONSOLE_PATH.length));
  } catch {
    relative = '\0';
  }
  if (relative.startsWith('/assets/')) {
    const asset = relative.includes('\0') ? null : fileOf(relative);
    if (asset) send(req, res, asset, 'public, max-age=31536000, immutable');
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return true;
  }
  const page = fileOf('index.html');
  if (!page) {
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' })
      .end('The console is not built: run npm run console:build');
    return true;
  }
  send(req, res, page, 'no-cache');
  return true;
}
