import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const exportUrl = (params: Record<string, string>) =>
  `${stack.url.replace('/graphql', '/audit/export')}?${new URLSearchParams(params).toString()}`;

describe('GET /audit/export through the gateway', () => {
  it('streams an organization’s events as CSV or JSON Lines to its admin, and to no one else', async () => {
    const admin = await stack.signIn(uniqueEmail('export-admin'));
    const member = await stack.signIn(uniqueEmail('export-member'));
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Exported Ltd") { id } }',
      {},
      admin.token,
    );
    const organizationId = created.data!.createOrganization.id;
    await addMembership(db, organizationId, member.userId);
    // The creation event travels through the outbox relay: wait for it.
    const deadline = Date.now() + 5000;
    let csv = '';
    while (Date.now() < deadline && !csv.includes('tenancy.organization.created')) {
      const response = await fetch(exportUrl({ organizationId, format: 'csv' }), {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/csv/);
      csv = await response.text();
    }
    expect(csv).toContain('tenancy.organization.created');

    const jsonl = await fetch(exportUrl({ organizationId, format: 'jsonl' }), {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string });
    expect(lines.map((l) => l.action)).toContain('tenancy.organization.created');

    const asMember = await fetch(exportUrl({ organizationId, format: 'csv' }), {
      headers: { authorization: `Bearer ${member.token}` },
    });
    expect(asMember.status).toBe(403);
    const anonymous = await fetch(exportUrl({ organizationId, format: 'csv' }));
    expect(anonymous.status).toBe(401);
    const tokenInQuery = await fetch(exportUrl({ organizationId, format: 'csv', access_token: admin.token }));
    expect(tokenInQuery.status).toBe(401);
  });
});
