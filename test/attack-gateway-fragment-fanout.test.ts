import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

// A fragment spread many times over, in fragments spread many times over: a few hundred tokens
// that stand for millions of fields. Within every limit the gateway had (tokens, depth, aliases,
// directives, root fields; leaves cost nothing, and repeated spreads add no list), it reached the
// cost walk and the query planner, which expand every spread where it is written: seconds of one
// CPU per request while every other request waits. It is refused at once with a coded 400, and
// the gateway keeps answering others.

let stack: TestStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ token } = await stack.signIn(uniqueEmail('fanout')));
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

/** `organizations { ...F0 × k }`, `F0 { ...F1 × k }`, …, `F{levels} { id name }`. */
function fanOut(levels: number, k: number): string {
  const spreads = (name: string) => Array<string>(k).fill(`...${name}`).join(' ');
  let query = `query FanOut { organizations { ${spreads('F0')} } }`;
  for (let level = 0; level < levels; level++)
    query += ` fragment F${level} on Organization { ${spreads(`F${level + 1}`)} }`;
  return `${query} fragment F${levels} on Organization { id name }`;
}

const post = (query: string, signal?: AbortSignal) =>
  fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal,
  });

describe('fragments spread over and over (a fragment bomb)', () => {
  it('answers a coded 400 at once, and the gateway stays responsive meanwhile', async () => {
    const bomb = fanOut(2, 110);
    const started = Date.now();
    const attack = post(bomb, AbortSignal.timeout(60_000));
    // Issued while the bomb is in flight: an ordinary request is not held up behind it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ordinaryStart = Date.now();
    const ordinary = await post('query Me { me { id } }', AbortSignal.timeout(60_000));
    const ordinaryMs = Date.now() - ordinaryStart;
    const response = await attack;
    const elapsed = Date.now() - started;
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).not.toMatch(/\bat\b.*\.ts:\d+/);
    expect(ordinary.status).toBe(200);
    expect(elapsed).toBeLessThan(2_000);
    expect(ordinaryMs).toBeLessThan(2_000);
  }, 120_000);

  it('a mutation bomb, anonymous: a coded 400 at once (the sign-in rule walked every spread: 80 s of CPU)', async () => {
    const spreads = (name: string) => Array<string>(100).fill(`...${name}`).join(' ');
    let bomb = `mutation Bomb { ${spreads('M0')} }`;
    for (let level = 0; level < 3; level++)
      bomb += ` fragment M${level} on Mutation { ${spreads(`M${level + 1}`)} }`;
    bomb += ' fragment M3 on Mutation { signOut }';
    const started = Date.now();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: bomb }),
      signal: AbortSignal.timeout(90_000),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 120_000);

  it('counts root fields written in a fragment against the root-field limit', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: me { id }`).join(' ');
    const query = `query Wide { ...Roots } fragment Roots on Query { me { id } ${aliases} }`;
    const response = await post(query);
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Too many root fields: at most 15',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('still takes a fragment spread a few times (the control)', async () => {
    const response = await post(fanOut(1, 3));
    const body = (await response.json()) as { errors?: unknown; data?: unknown };
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
