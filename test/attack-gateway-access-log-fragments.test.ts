import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { join, organization } from './support/tenancy-fixtures.ts';

// The gateway files each operation's access event in the log of the organizations its root fields
// name. Root fields written inside a fragment on Query or Mutation (`{ ...Q } fragment Q on Query
// { auditEvents(organizationId: …) }`) are the same operation to every subgraph, but the access
// log looked at the operation's own selections only: the event went to no organization's log and
// named no field. A member probing the audit log, or an admin reading the organization's keys,
// left no trace there. The event lands where it would without the fragment.

const ACCESS_EVENTS = /* GraphQL */ `
  query AccessEvents($o: ID!) {
    auditEvents(organizationId: $o, filter: { actionPrefix: "gateway.access." }, first: 100) {
      edges {
        node {
          outcome
          actor {
            id
          }
          target {
            id
          }
          metadata
        }
      }
    }
  }
`;

interface AccessEvent {
  outcome: string;
  actor: { id: string };
  target: { id: string | null };
  metadata: { fields: string[] };
}

let stack: TestStack;
let org: Awaited<ReturnType<typeof organization>>;
let member: Awaited<ReturnType<typeof join>>;

beforeAll(async () => {
  stack = await startTestStack();
  org = await organization(stack, 'fragment-log');
  member = await join(stack, org.admin.token, { organizationId: org.organizationId, role: 'MEMBER' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

/** The organization's access event for the operation named `name`, once relayed to its log. */
const accessEventNamed = (name: string) =>
  waitFor(
    async () => {
      const result = await stack.graphql<{ auditEvents: { edges: { node: AccessEvent }[] } }>(
        ACCESS_EVENTS,
        { o: org.organizationId },
        org.admin.token,
      );
      return result.data?.auditEvents.edges.map((e) => e.node).find((n) => n.target.id === name);
    },
    `the access event of ${name} in the organization's log`,
    10_000,
  );

describe('root fields inside fragments, in the access log', () => {
  it("a member's denied read of the audit log through a named fragment: DENIED, in the organization's log", async () => {
    const probe = await stack.graphql(
      /* GraphQL */ `
        query SneakyAuditRead($o: ID!) {
          ...Audit
        }
        fragment Audit on Query {
          auditEvents(organizationId: $o, first: 5) {
            edges {
              cursor
            }
          }
        }
      `,
      { o: org.organizationId },
      member.token,
    );
    expect(probe.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await accessEventNamed('SneakyAuditRead')).toMatchObject({
      outcome: 'DENIED',
      actor: { id: member.userId },
      metadata: { fields: ['auditEvents'] },
    });
  });

  it("an admin's read through an inline fragment, nested in a named one: SUCCESS, every field named", async () => {
    const read = await stack.graphql(
      /* GraphQL */ `
        query QuietKeyRead($o: ID!) {
          ...Keys
        }
        fragment Keys on Query {
          ... on Query {
            apiKeys(organizationId: $o) {
              id
            }
          }
          me {
            id
          }
        }
      `,
      { o: org.organizationId },
      org.admin.token,
    );
    expect(read.errors).toBeUndefined();
    expect(await accessEventNamed('QuietKeyRead')).toMatchObject({
      outcome: 'SUCCESS',
      actor: { id: org.admin.userId },
      metadata: { fields: ['apiKeys', 'me'] },
    });
  });
});
