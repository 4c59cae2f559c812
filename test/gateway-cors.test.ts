import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsOrigins, DEVELOPMENT_ORIGINS, corsOriginsOf } from '../gateway/src/cors.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request as a browser sends it, Origin header included. */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const preflight = (url: string, origin: string) =>
  send(url, 'OPTIONS', {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type',
  });

describe('CORS at the gateway', () => {
  let stack: TestStack;
  let token: string;
  const query = JSON.stringify({ query: '{ me { email } }' });

  beforeAll(async () => {
    stack = await startTestStack({ gateway: { corsOrigins: [APP] } });
    token = (await stack.signIn(uniqueEmail('cors'))).token;
  });
  afterAll(() => stack?.close());

  it('answers the preflight of an allowed origin with its origin, credentials, methods and headers', async () => {
    const answer = await preflight(stack.url, APP);

    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(answer.headers['access-control-allow-methods']).toMatch(/GET/);
    const allowedHeaders = String(answer.headers['access-control-allow-headers']);
    for (const header of ['authorization', 'content-type', 'apollo-require-preflight']) {
      expect(allowedHeaders).toContain(header);
    }
    expect(answer.headers.vary).toMatch(/Origin/);
  });

  it('a cross-origin POST from an allowed origin gets its answer with the allow headers', async () => {
    const answer = await send(
      stack.url,
      'POST',
      { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      query,
    );

    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-expose-headers']).toContain('x-request-id');
    expect(JSON.parse(answer.body)).toEqual({ data: { me: { email: expect.stringContaining('cors-') } } });
  });

  it('a disallowed origin gets no allow headers, on the preflight or the request', async () => {
    const answer = await preflight(stack.url, EVIL);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    expect(answer.headers['access-control-allow-headers']).toBeUndefined();

    const post = await send(
      stack.url,
      'POST',
      { origin: EVIL, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      query,
    );
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(post.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('CSRF prevention stays on: a simple cross-origin request (no preflight) is refused', async () => {
    const answer = await send(
      stack.url,
      'POST',
      { origin: APP, 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      query,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('"me"');
    const get = await send(`${stack.url}?query=${encodeURIComponent('{ me { email } }')}`, 'GET', {
      origin: APP,
      authorization: `Bearer ${token}`,
    });
    expect(get.status).toBe(400);
  });
});

describe('CORS_ORIGINS', () => {
  it('none by default in production, the usual local origins in development', () => {
    expect(corsOriginsOf(undefined, true)).toEqual([]);
    expect(corsOriginsOf(undefined, false)).toEqual(DEVELOPMENT_ORIGINS);
    expect(DEVELOPMENT_ORIGINS).toContain('http://localhost:5173');
    expect(corsOriginsOf([APP], false)).toEqual([APP]);
  });

  it('takes exact origins and refuses anything else, the wildcard included', () => {
    expect(CorsOrigins.parse(`${APP}, http://localhost:3000/`)).toEqual([APP, 'http://localhost:3000']);
    expect(CorsOrigins.parse(undefined)).toBeUndefined();
    for (const bad of ['*', 'app.example.com', 'https://app.example.com/path', 'ftp://files.example.com']) {
      expect(CorsOrigins.safeParse(bad).success).toBe(false);
    }
  });
});
