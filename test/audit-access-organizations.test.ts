import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { randomUUID } from 'node:crypto';
import { INGEST, adminWithOrganization, callSubgraph, waitFor } from './support/audit-helpers.ts';
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

/** The platform chain: events of no organization, which no tenant reads. */
const PERSONAL = '00000000-0000-0000-0000-000000000000';

/** Where each of a user's access events of one operation name landed (superuser read). */
async function chainsOf(userId: string, operationName: string): Promise<string[]> {
  const { rows } = await db.query<{ organization_id: string }>(
    `select organization_id from audit.events
      where action like 'gateway.access.%' and actor_id = $1 and target_id = $2 order by organization_id`,
    [userId, operationName],
  );
  return rows.map((row) => row.organization_id);
}

describe('access events of a person in two organizations', () => {
  it("go to the organization the operation touched, never the other's log; untied ones stay personal", async () => {
    const person = await adminWithOrganization(stack, uniqueEmail('two-orgs-a'), 'Organization A');
    const other = await adminWithOrganization(stack, uniqueEmail('two-orgs-b'), 'Organization B');
    const b = other.organizationId;
    await addMembership(db, b, person.userId, 'ADMIN');

    const run = async (query: string, variables: Record<string, unknown> = {}) => {
      const result = await stack.graphql(query, variables, person.token);
      expect(result.errors).toBeUndefined();
    };
    await run('query OnlyMe { me { email } }');
    await run('query ReadB($o: ID!) { organization(id: $o) { name } }', { o: b });
    await run('query AuditOfB($o: ID!) { auditEvents(organizationId: $o, first: 1) { edges { cursor } } }', {
      o: b,
    });
    await run('mutation ProjectInB($o: ID!) { createProject(organizationId: $o, name: "Only B") { id } }', {
      o: b,
    });
    await run('query ListBoth { organizations { id } }');

    // Delivered in order: once the last one is in, the others are too.
    await waitFor(async () => (await chainsOf(person.userId, 'ListBoth')).length === 2, 'the last event');
    expect(await chainsOf(person.userId, 'ReadB')).toEqual([b]);
    expect(await chainsOf(person.userId, 'AuditOfB')).toEqual([b]);
    expect(await chainsOf(person.userId, 'ProjectInB')).toEqual([b]);
    expect(await chainsOf(person.userId, 'OnlyMe')).toEqual([PERSONAL]);
    // Listing one's organizations reads each of them: each one's log has it, once.
    expect(await chainsOf(person.userId, 'ListBoth')).toEqual([person.organizationId, b].sort());

    // What B's admin sees of the person, and what A's admin sees: nothing of the other.
    const logOf = async (organizationId: string, token: string) => {
      const result = await stack.graphql<{
        auditEvents: { edges: { node: { target: { id: string | null } | null } }[] };
      }>(
        `query Log($o: ID!) { auditEvents(organizationId: $o, filter: { actionPrefix: "gateway.access.", actorId: "${person.userId}" }, first: 100) {
           edges { node { target { id } } } } }`,
        { o: organizationId },
        token,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.auditEvents.edges.map((e) => e.node.target?.id).filter(Boolean);
    };
    const inA = await logOf(person.organizationId, person.token);
    expect(inA).toContain('ListBoth');
    for (const name of ['OnlyMe', 'ReadB', 'AuditOfB', 'ProjectInB']) expect(inA).not.toContain(name);
    const inB = await logOf(b, other.token);
    expect(inB).toEqual(expect.arrayContaining(['ReadB', 'AuditOfB', 'ProjectInB', 'ListBoth']));
    expect(inB).not.toContain('OnlyMe');
  });

  it('keep a permission denial about no organization personal; an account event joins both logs', async () => {
    const person = await adminWithOrganization(stack, uniqueEmail('two-orgs-denial'), 'Organization C');
    const other = await adminWithOrganization(stack, uniqueEmail('two-orgs-denial-b'), 'Organization D');
    await addMembership(db, other.organizationId, person.userId);
    const delivered = (_service: string, action: string, outcome: string) => ({
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      organizationId: null,
      action,
      outcome,
      actor: { type: 'USER', id: person.userId, ip: '192.0.2.55', userAgent: 'jest' },
      target: { type: 'Field', id: action },
    });
    for (const [service, action, outcome] of [
      ['tenancy', 'tenancy.permission.denied', 'DENIED'],
      ['identity', 'identity.sign_in.succeeded', 'SUCCESS'],
    ] as const) {
      const result = await callSubgraph(stack, 'audit', { kind: 'system', service }, INGEST, {
        events: [delivered(service, action, outcome)],
      });
      expect(result.errors).toBeUndefined();
    }
    const chains = async (action: string) =>
      (
        await db.query<{ organization_id: string }>(
          `select organization_id from audit.events where actor_id = $1 and action = $2 and target_id = $2 order by organization_id`,
          [person.userId, action],
        )
      ).rows.map((row) => row.organization_id);
    expect(await chains('tenancy.permission.denied')).toEqual([PERSONAL]);
    expect(await chains('identity.sign_in.succeeded')).toEqual(
      [person.organizationId, other.organizationId].sort(),
    );
  });
});
