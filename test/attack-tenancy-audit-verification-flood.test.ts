import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { adminWithOrganization } from './support/audit-helpers.ts';

// Anyone may create an organization and so be an ADMIN. A full audit chain verification is a job
// on the audit subgraph's queue, shared by every tenant and run one at a time per process: an admin
// asking for one over and over filled the queue with re-hashes of their chain, and every other
// organization's verification waited behind them. A request while one is queued or running answers
// that one; no second is queued.

const REQUEST = /* GraphQL */ `
  mutation Verify($organizationId: ID!) {
    requestAuditChainVerification(organizationId: $organizationId) {
      id
      status
    }
  }
`;

let stack: TestStack;
let db: pg.Client;
let admin: Awaited<ReturnType<typeof adminWithOrganization>>;

beforeAll(async () => {
  stack = await startTestStack({ audit: { databaseAuditIntervalMs: 0 } });
  db = await adminClient();
  admin = await adminWithOrganization(stack, uniqueEmail('verify-flood'), 'Verify Flood');
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const runsOf = async (organizationId: string) =>
  (
    await db.query<{ id: string; status: string }>(
      'select id, status from audit.chain_verifications where organization_id = $1',
      [organizationId],
    )
  ).rows;

describe('full chain verifications asked for over and over', () => {
  it('queue one per organization at a time: the others answer the pending one', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        stack.graphql<{ requestAuditChainVerification: { id: string; status: string } }>(
          REQUEST,
          { organizationId: admin.organizationId },
          admin.token,
        ),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const pending = (await runsOf(admin.organizationId)).filter((run) => run.status !== 'COMPLETED');
    expect(pending.length).toBeLessThanOrEqual(1);
    const ids = new Set(answers.map((answer) => answer.data!.requestAuditChainVerification.id));
    // Answered while one was pending: the same run. A few more once it completes, never 30.
    expect(ids.size).toBeLessThan(10);
    expect((await runsOf(admin.organizationId)).length).toBe(ids.size);
  });
});
