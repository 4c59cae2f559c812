import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { SET_PASSWORD, signInClient } from './support/sign-in.ts';
import {
  REQUEST_DELETION,
  waitForDeletion,
  waitForReceipt,
  type DeletionView,
} from './support/deletion-fixtures.ts';
import { organization } from './support/tenancy-fixtures.ts';

// The data map covers the second-factor tables: deleting a person erases their authenticator app,
// recovery codes and open sign-in challenges; deleting an organization erases its sign-in
// policy; the deletion's verification finds nothing left. Deletions run at once (PT0S).
let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  // A database of its own: its deletion jobs run on its own stack's worker only.
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({ databaseUrl, lifecycle: { deletionGracePeriod: 'PT0S', jobPollMs: 200 } });
  db = await adminClient(databaseUrl);
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const PASSWORD = 'nine crows on a wire at dusk';
const START = /* GraphQL */ `
  mutation Start {
    startTotpEnrolment {
      secret
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($code: String!) {
    confirmTotpEnrolment(code: $code) {
      codes
    }
  }
`;
const SET_POLICY = /* GraphQL */ `
  mutation SetPolicy($organizationId: ID!) {
    setSignInPolicy(organizationId: $organizationId, policy: { secondFactor: ADMINS }) {
      secondFactor
    }
  }
`;

const rowsOf = async (table: string, column: string, id: string) =>
  Number(
    (await db.query(`select count(*)::int as n from identity.${table} where ${column} = $1`, [id])).rows[0].n,
  );

async function enrol(token: string) {
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
  const code = new TOTP({ secret: Secret.fromBase32(started.data!.startTotpEnrolment.secret) }).generate();
  expect((await stack.graphql(CONFIRM, { code }, token)).errors).toBeUndefined();
}

describe('deleting what second factors left', () => {
  it("a person's app, recovery codes and challenges go with their account", async () => {
    const email = uniqueEmail('factors-deleted');
    const { token, userId } = await stack.signIn(email);
    expect((await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, token)).errors).toBeUndefined();
    await enrol(token);
    // A sign-in left waiting for its second factor.
    const challenged = await signInClient(stack).withPassword(email, PASSWORD);
    expect(challenged.errors?.[0]?.extensions).toMatchObject({ reason: 'SECOND_FACTOR_REQUIRED' });
    expect(await rowsOf('totp_factors', 'user_id', userId)).toBe(1);
    expect(await rowsOf('recovery_codes', 'user_id', userId)).toBe(10);
    expect(await rowsOf('sign_in_challenges', 'user_id', userId)).toBe(1);

    const requested = await stack.graphql<{ requestDeletion: DeletionView }>(
      REQUEST_DELETION,
      { subject: { userId }, reason: 'Leaving' },
      token,
    );
    expect(requested.errors).toBeUndefined();
    const done = await waitForReceipt(stack, requested.data!.requestDeletion.receipt!);
    expect(done.status).toBe('COMPLETED');
    for (const table of ['totp_factors', 'recovery_codes', 'sign_in_challenges'])
      expect({ table, rows: await rowsOf(table, 'user_id', userId) }).toEqual({ table, rows: 0 });
  });

  it("an organization's sign-in policy goes with the organization", async () => {
    const { admin, organizationId } = await organization(stack, 'policy-deleted');
    await enrol(admin.token);
    expect((await stack.graphql(SET_POLICY, { organizationId }, admin.token)).errors).toBeUndefined();
    expect(await rowsOf('sign_in_policies', 'organization_id', organizationId)).toBe(1);

    const requested = await stack.graphql<{ requestDeletion: DeletionView }>(
      REQUEST_DELETION,
      { subject: { organizationId }, reason: 'Contract over' },
      admin.token,
    );
    expect(requested.errors).toBeUndefined();
    await waitForDeletion(stack, requested.data!.requestDeletion.id, admin.token);
    expect(await rowsOf('sign_in_policies', 'organization_id', organizationId)).toBe(0);
  });
});
