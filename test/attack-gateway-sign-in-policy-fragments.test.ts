import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type TestStack } from './support/stack.ts';
import { join, organization } from './support/tenancy-fixtures.ts';
import { enrolTotp } from './support/operator.ts';

// An organization requiring a second factor of everyone: the gateway refuses a member without one
// on every operation touching the organization, reading the operation's root fields. Written
// inside a fragment on Query or Mutation, the same fields were not read as touching it, and the
// member reached the organization's data (its name, projects, members) without any factor.

const SET_POLICY = /* GraphQL */ `
  mutation SetPolicy($organizationId: ID!) {
    setSignInPolicy(organizationId: $organizationId, policy: { secondFactor: EVERYONE }) {
      secondFactor
    }
  }
`;

let stack: TestStack;
let org: Awaited<ReturnType<typeof organization>>;
let member: Awaited<ReturnType<typeof join>>;

beforeAll(async () => {
  stack = await startTestStack();
  org = await organization(stack, 'policy-fragments');
  member = await join(stack, org.admin.token, { organizationId: org.organizationId, role: 'MEMBER' });
  await enrolTotp(stack, org.admin.token);
  const set = await stack.graphql(SET_POLICY, { organizationId: org.organizationId }, org.admin.token);
  expect(set.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const refusal = { code: 'FORBIDDEN', reason: 'SECOND_FACTOR_REQUIRED' };

describe('a member without a second factor, the root fields inside fragments', () => {
  it('is refused the organization read directly (the control)', async () => {
    const direct = await stack.graphql(
      /* GraphQL */ `
        query Direct($id: ID!) {
          organization(id: $id) {
            name
          }
        }
      `,
      { id: org.organizationId },
      member.token,
    );
    expect(direct.data ?? null).toBeNull();
    expect(direct.errors?.[0]?.extensions).toMatchObject(refusal);
  });

  it.each([
    [
      'a named fragment',
      'query Named($id: ID!) { ...Read } fragment Read on Query { organization(id: $id) { name projects { name } } }',
    ],
    [
      'an inline fragment in a named one',
      'query Nested($id: ID!) { ...Outer } fragment Outer on Query { ... on Query { organization(id: $id) { name } } }',
    ],
    [
      'a fragment spread twice',
      'query Twice($id: ID!) { ...Read ...Read } fragment Read on Query { organization(id: $id) { name } }',
    ],
  ])('is refused through %s, and reads nothing', async (_label, query) => {
    const wrapped = await stack.graphql(query, { id: org.organizationId }, member.token);
    expect(wrapped.data ?? null).toBeNull();
    expect(wrapped.errors?.[0]?.extensions).toMatchObject({ ...refusal, organizationId: org.organizationId });
    expect(JSON.stringify(wrapped)).not.toContain('Tenancy policy-fragments');
  });
});
