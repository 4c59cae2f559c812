import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const ACCESS_EVENTS = /* GraphQL */ `
  query AccessEvents($o: ID!) {
    auditEvents(organizationId: $o, filter: { actionPrefix: "gateway.access." }, first: 100) {
      edges {
        node {
          action
          outcome
          actor {
            type
            id
            ip
            deviceType
          }
          target {
            type
            id
          }
          metadata
        }
      }
    }
  }
`;

describe('access logging at the gateway', () => {
  it("records each operation a principal runs in its organizations' audit log, batched", async () => {
    const admin = await stack.signIn(uniqueEmail('access'));
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Access Logged") { id } }',
      {},
      admin.token,
    );
    const organizationId = created.data!.createOrganization.id;
    await stack.graphql('query Dashboard { me { email } organizations { name } }', {}, admin.token);

    let nodes: { action: string; target: { id: string | null }; metadata: { fields: string[] } }[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const result = await stack.graphql<{ auditEvents: { edges: { node: (typeof nodes)[number] }[] } }>(
        ACCESS_EVENTS,
        { o: organizationId },
        admin.token,
      );
      nodes = result.data?.auditEvents.edges.map((e) => e.node) ?? [];
      if (nodes.some((n) => n.target.id === 'Dashboard')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(nodes).toContainEqual(
      expect.objectContaining({
        action: 'gateway.access.query',
        outcome: 'SUCCESS',
        actor: { type: 'USER', id: admin.userId, ip: '127.0.0.1', deviceType: 'DESKTOP' },
        target: { type: 'Operation', id: 'Dashboard' },
        metadata: expect.objectContaining({ fields: ['me', 'organizations'] }),
      }),
    );
  });
});
