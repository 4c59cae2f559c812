import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { movableClock, signInClient } from './support/sign-in.ts';
import {
  ACCEPT_INVITATION,
  INVITE_MEMBER,
  join,
  mailedToken,
  organization,
} from './support/tenancy-fixtures.ts';

// An organization's sign-in policy, enforced by the gateway on every request that touches the
// organization: a member without the required factor is refused there with the step to take,
// still reaches their own account to enrol, and is admitted once enrolled; their other
// organization, with another policy, is not affected. Identity's clock is the test's, so that
// each TOTP code used belongs to a step of its own.
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack({ identity: { now: clock.now } });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const SET_POLICY = /* GraphQL */ `
  mutation SetPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {
    setSignInPolicy(organizationId: $organizationId, policy: $policy) {
      organizationId
      secondFactor
      allowedMethods
      updatedAt
    }
  }
`;
const POLICY = /* GraphQL */ `
  query Policy($organizationId: ID!) {
    signInPolicy(organizationId: $organizationId) {
      secondFactor
      allowedMethods
    }
  }
`;
const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) {
      id
      name
    }
  }
`;
const ME = /* GraphQL */ `
  query Me {
    me {
      email
      secondFactors {
        totp
      }
    }
  }
`;
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
const WITH_TOTP = /* GraphQL */ `
  mutation WithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      token
    }
  }
`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;

/** Enrols an authenticator app on the session of `token`; answers its secret. */
async function enrol(token: string): Promise<string> {
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
  const { secret } = started.data!.startTotpEnrolment;
  expect((await stack.graphql(CONFIRM, { code: codeAt(secret) }, token)).errors).toBeUndefined();
  clock.advance(30_000);
  return secret;
}

describe('an organization requiring a second factor', () => {
  it('refuses a member without one on its data with the step, lets them enrol, and admits them after', async () => {
    const a = await organization(stack, 'policy-a');
    const b = await organization(stack, 'policy-b');
    const member = await join(
      stack,
      a.admin.token,
      { organizationId: a.organizationId, role: 'MEMBER' },
      'both',
    );
    const invitedToB = await stack.graphql(
      INVITE_MEMBER,
      { organizationId: b.organizationId, email: member.email, role: 'MEMBER' },
      b.admin.token,
    );
    expect(invitedToB.errors).toBeUndefined();
    const accepted = await stack.graphql(
      ACCEPT_INVITATION,
      { token: mailedToken(stack, member.email) },
      member.token,
    );
    expect(accepted.errors).toBeUndefined();

    // An admin cannot require what their own session lacks.
    const everyone = { secondFactor: 'EVERYONE' };
    const excluded = await stack.graphql(
      SET_POLICY,
      { organizationId: a.organizationId, policy: everyone },
      a.admin.token,
    );
    expect(extensionsOf(excluded)).toMatchObject({ code: 'CONFLICT', reason: 'POLICY_EXCLUDES_YOU' });
    await enrol(a.admin.token);
    const set = await stack.graphql(
      SET_POLICY,
      { organizationId: a.organizationId, policy: everyone },
      a.admin.token,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data).toMatchObject({
      setSignInPolicy: { organizationId: a.organizationId, secondFactor: 'EVERYONE', allowedMethods: null },
    });
    // B requires one of its admins only: its MEMBER is not concerned.
    await enrol(b.admin.token);
    const admins = await stack.graphql(
      SET_POLICY,
      { organizationId: b.organizationId, policy: { secondFactor: 'ADMINS' } },
      b.admin.token,
    );
    expect(admins.errors).toBeUndefined();

    // The member, on the token they held before the policy: refused in A with the step to take…
    const refused = await stack.graphql(ORGANIZATION, { id: a.organizationId }, member.token);
    expect(refused.data ?? null).toBeNull();
    expect(extensionsOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
      organizationId: a.organizationId,
    });
    expect(refused.status).toBe(403);
    // …admitted in B, and to their own account, where they enrol.
    expect((await stack.graphql(ORGANIZATION, { id: b.organizationId }, member.token)).data).toMatchObject({
      organization: { id: b.organizationId },
    });
    expect((await stack.graphql(ME, {}, member.token)).data).toMatchObject({ me: { email: member.email } });
    // Members do not read the policy (they learn it from the refusal); another organization's admin gets NOT_FOUND.
    expect(
      extensionsOf(await stack.graphql(POLICY, { organizationId: a.organizationId }, member.token)),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      extensionsOf(await stack.graphql(POLICY, { organizationId: a.organizationId }, b.admin.token)),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      extensionsOf(
        await stack.graphql(
          SET_POLICY,
          { organizationId: a.organizationId, policy: { secondFactor: 'NONE' } },
          b.admin.token,
        ),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });

    await enrol(member.token);
    const admitted = await stack.graphql(ORGANIZATION, { id: a.organizationId }, member.token);
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data).toMatchObject({ organization: { id: a.organizationId } });

    // The change is an audit event in A's log, with what it was before.
    const changes = await db.query(
      `select event->'metadata'->'after'->>'secondFactor' as after from identity.audit_outbox
        where organization_id = $1 and event->>'action' = 'identity.sign_in_policy.changed'`,
      [a.organizationId],
    );
    expect(changes.rows).toEqual([{ after: 'EVERYONE' }]);
  });

  it('allowed sign-in methods: a session opened otherwise is refused with its own reason', async () => {
    const a = await organization(stack, 'policy-methods');
    const member = await join(
      stack,
      a.admin.token,
      { organizationId: a.organizationId, role: 'MEMBER' },
      'methods',
    );
    const secret = await enrol(a.admin.token);
    // The admin signs in by mailed code and app, so that a code-only policy admits them.
    const client = signInClient(stack);
    const code = await client.requestCode(a.admin.email);
    const challenged = await client.withCode(a.admin.email, code);
    expect(extensionsOf(challenged)).toMatchObject({ reason: 'SECOND_FACTOR_REQUIRED' });
    const completed = await stack.graphql<{ completeSignInWithTotp: { token: string } }>(WITH_TOTP, {
      challenge: extensionsOf(challenged)!.challenge,
      code: codeAt(secret),
    });
    expect(completed.errors).toBeUndefined();
    const adminToken = completed.data!.completeSignInWithTotp.token;

    const codeOnly = { secondFactor: 'NONE', allowedMethods: ['EMAIL_CODE'] };
    // The development session of before is not a code sign-in: that admin session would be refused.
    expect(
      extensionsOf(
        await stack.graphql(
          SET_POLICY,
          { organizationId: a.organizationId, policy: codeOnly },
          a.admin.token,
        ),
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'POLICY_EXCLUDES_YOU' });
    const set = await stack.graphql(
      SET_POLICY,
      { organizationId: a.organizationId, policy: codeOnly },
      adminToken,
    );
    expect(set.errors).toBeUndefined();
    expect((await stack.graphql(POLICY, { organizationId: a.organizationId }, adminToken)).data).toEqual({
      signInPolicy: { secondFactor: 'NONE', allowedMethods: ['EMAIL_CODE'] },
    });

    expect(
      extensionsOf(await stack.graphql(ORGANIZATION, { id: a.organizationId }, member.token)),
    ).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SIGN_IN_METHOD_NOT_ALLOWED',
      organizationId: a.organizationId,
    });
    expect(
      extensionsOf(await stack.graphql(ORGANIZATION, { id: a.organizationId }, a.admin.token)),
    ).toMatchObject({
      reason: 'SIGN_IN_METHOD_NOT_ALLOWED',
    });
    expect((await stack.graphql(ORGANIZATION, { id: a.organizationId }, adminToken)).errors).toBeUndefined();
  });
});
