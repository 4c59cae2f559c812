import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import {
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { movableClock } from './support/sign-in.ts';

// Step-up across subgraphs: lifecycle refuses an export or a deletion unless the session's last
// factor is recent, as the gateway's principal says; a step-up in identity drops the gateway's
// cached principal, so the same token is accepted at once. Identity's clock starts ten minutes
// in the past: every session it opens is stale to lifecycle until the clock is moved on.
const STALE_BY_MS = 10 * 60_000;
const clock = movableClock(new Date(Date.now() - STALE_BY_MS));
let stack: TestStack;
beforeAll(async () => {
  // A database of its own: its export jobs run on its own stack's worker only.
  stack = await startTestStack({ databaseUrl: await createIsolatedDatabase(), identity: { now: clock.now } });
});
afterAll(async () => {
  await stack?.close();
});

const REQUEST_EXPORT = /* GraphQL */ `
  mutation RequestExport($subject: SubjectInput!) {
    requestDataExport(subject: $subject) {
      id
      status
    }
  }
`;
const REQUEST_DELETION = /* GraphQL */ `
  mutation RequestDeletion($subject: SubjectInput!) {
    requestDeletion(subject: $subject, reason: "Leaving") {
      id
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
const STEP_UP = /* GraphQL */ `
  mutation StepUp($code: String!) {
    stepUpWithTotp(code: $code) {
      authenticatedAt
    }
  }
`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;

describe('step-up before an export or a deletion', () => {
  it('a stale session gets a coded error; after a fresh factor the same token is accepted', async () => {
    const { token, userId } = await stack.signIn(uniqueEmail('step-up-export'));
    const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
    const { secret } = started.data!.startTotpEnrolment;
    expect((await stack.graphql(CONFIRM, { code: codeAt(secret) }, token)).errors).toBeUndefined();
    clock.advance(30_000);

    const stale = await stack.graphql(REQUEST_EXPORT, { subject: { userId } }, token);
    expect(stale.data).toBeNull();
    expect(extensionsOf(stale)).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    const staleDeletion = await stack.graphql(REQUEST_DELETION, { subject: { userId } }, token);
    expect(extensionsOf(staleDeletion)).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });

    // Identity's clock catches up with the world: the step-up is fresh to lifecycle.
    clock.advance(STALE_BY_MS);
    const stepped = await stack.graphql(STEP_UP, { code: codeAt(secret) }, token);
    expect(stepped.errors).toBeUndefined();

    const fresh = await stack.graphql<{ requestDataExport: { id: string; status: string } }>(
      REQUEST_EXPORT,
      { subject: { userId } },
      token,
    );
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data!.requestDataExport).toMatchObject({ id: expect.any(String) });
  });

  it('a session signed in just now needs no step-up', async () => {
    clock.advance(Date.now() - clock.now().getTime());
    const { token, userId } = await stack.signIn(uniqueEmail('step-up-fresh'));
    const result = await stack.graphql(REQUEST_EXPORT, { subject: { userId } }, token);
    expect(result.errors).toBeUndefined();
  });
});
