import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { subgraphCalls } from './support/metrics.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
let token: string;
let organizationId: string;
beforeAll(async () => {
  stack = await startTestStack({ production: true });
  // Production has no development sign-in: a session from a development stack on the same database.
  const dev = await startTestStack();
  const admin = await dev.signIn(uniqueEmail('limits'));
  token = admin.token;
  const org = await dev.graphql<{ createOrganization: { id: string } }>(
    'mutation { createOrganization(name: "Limits Ltd") { id } }',
    {},
    token,
  );
  organizationId = org.data!.createOrganization.id;
  for (const name of ['Kept small', 'Second'])
    await dev.graphql(
      'mutation($o: ID!, $n: String!) { createProject(organizationId: $o, name: $n) { id } }',
      { o: organizationId, n: name },
      token,
    );
  await dev.close();
});
afterAll(() => stack?.close());

const nested = (depth: number) => {
  let selection = 'id';
  for (let i = 0; i < depth; i++) selection = `organization { projects { ${selection} } }`;
  return `{ me { memberships { ${selection} } } }`;
};

const hostile: [string, () => { query: string; variables?: Record<string, unknown> }, string][] = [
  ['depth 50', () => ({ query: nested(25) }), 'GRAPHQL_VALIDATION_FAILED'],
  [
    '16 aliases of a real field',
    () => ({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }),
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    '51 directives',
    () => ({ query: `{ me { id ${Array.from({ length: 51 }, () => '@include(if: true)').join(' ')} } }` }),
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a 1001-token document',
    () => ({ query: `{ me { id ${Array.from({ length: 1000 }, () => '__typename').join(' ')} } }` }),
    'GRAPHQL_PARSE_FAILED',
  ],
  [
    'a cost bomb: 15 full pages of audit events with their objects',
    () => ({
      query: `query($o: ID!, $n: Int) { ${Array.from(
        { length: 15 },
        (_, i) =>
          `p${i}: auditEvents(organizationId: $o, first: $n) { edges { node { actor { id } target { id } } } }`,
      ).join(' ')} }`,
      variables: { o: organizationId, n: 100 },
    }),
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a whole organization in one operation (lists costed from the schema, no first)',
    () => ({
      query:
        'query($o: ID!) { organization(id: $o) { projects { members { user { id } } } members { user { id } } } }',
      variables: { o: organizationId },
    }),
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'first: 100001',
    () => ({
      query: 'query($o: ID!) { auditEvents(organizationId: $o, first: 100001) { edges { cursor } } }',
      variables: { o: organizationId },
    }),
    'BAD_USER_INPUT',
  ],
];

describe('operation limits (production mode)', () => {
  it.each(hostile)('%s: 400, coded, and no subgraph request', async (_label, operation, code) => {
    const before = await subgraphCalls(stack.url);
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(operation()),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe(code);
    expect(await subgraphCalls(stack.url)).toBe(before);
  });

  it("lets Steward's own operations through, at their largest page sizes", async () => {
    const operations = [
      '{ me { email displayName sessions { id deviceType ip current } signInAttempts(first: 100) { edges { node { outcome ip deviceType occurredAt } } } memberships(first: 5) { role organization { id name projects(first: 10) { id name members(first: 10) { role user { id email } } } members(first: 10) { role user { email } } } } } }',
      `query($o: ID!) { organization(id: $o) { name region status contractEndsAt projects(first: 20) { name members(first: 20) { role user { email } } } } }`,
      // The README's own examples.
      '{ me { email sessions { deviceType ip current } memberships { role organization { name projects { name } } } } }',
      `query($o: ID!) { auditEvents(organizationId: $o, first: 100) { edges { cursor node { id sequence occurredAt action outcome actor { type id ip userAgent deviceType } target { type id } metadata hash previousHash } } pageInfo { hasNextPage endCursor } } auditChain(organizationId: $o) { valid events brokenAt } }`,
      `query($o: ID!) { apiKeys(organizationId: $o) { id name prefix scopes lastUsedAt } dataMap { name subgraphs fields { name exportLabel destroy retainReason retainFor } } }`,
    ];
    for (const query of operations) {
      const result = await stack.graphql(query, { o: organizationId }, token);
      expect({ query, status: result.status, errors: result.errors }).toEqual({
        query,
        status: 200,
        errors: undefined,
      });
    }
  });
});

describe('list pages', () => {
  it('first takes that many of a list, in its order; a negative first is refused', async () => {
    const all = await stack.graphql<{ organization: { projects: { name: string }[] } }>(
      'query($o: ID!) { organization(id: $o) { projects { name } } }',
      { o: organizationId },
      token,
    );
    const page = await stack.graphql<{ organization: { projects: { name: string }[] } }>(
      'query($o: ID!) { organization(id: $o) { projects(first: 1) { name } } }',
      { o: organizationId },
      token,
    );
    expect(all.data!.organization.projects.length).toBe(2);
    expect(page.data!.organization.projects).toEqual(all.data!.organization.projects.slice(0, 1));
    const negative = await stack.graphql(
      'query($o: ID!) { organization(id: $o) { members(first: -1) { role } } }',
      { o: organizationId },
      token,
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('HTTP (production mode)', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(stack.url, { method: 'POST', headers, body });

  it('a 2 MB body: 413', async () => {
    const response = await post(JSON.stringify({ query: '{ me { id } }', padding: 'x'.repeat(2_000_000) }));
    expect(response.status).toBe(413);
  });

  it('a JSON array of operations (batching): 400', async () => {
    const response = await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]));
    expect(response.status).toBe(400);
  });

  it('a mutation over GET: 405', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('mutation { signOut }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('a text/plain POST without a preflight header (CSRF): 400', async () => {
    const response = await post(JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
  });

  it('a misspelt field: no "Did you mean"', async () => {
    const response = await post(JSON.stringify({ query: '{ me { emial } }' }));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/did you mean/i);
  });

  it('introspection: refused', async () => {
    const response = await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect(response.status).toBe(400);
  });

  it('every error carries the request id, also in the x-request-id header', async () => {
    const response = await post(JSON.stringify({ query: '{ me { emial } }' }));
    const body = (await response.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(body.errors[0]!.extensions.requestId).toEqual(response.headers.get('x-request-id'));
  });
});
