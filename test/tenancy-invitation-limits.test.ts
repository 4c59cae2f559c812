import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  ACCEPT_INVITATION,
  CREATE_ORGANIZATION,
  INVITE_MEMBER,
  addMembership,
  codeOf,
  mailedToken,
  organization,
  signIn,
} from './support/tenancy-fixtures.ts';

// Invitations are mails that carry an organization's name, and anyone may create an organization:
// they are limited per organization and per inviter (here 5 and 3 an hour, configured low).
const LIMITS = { perOrganizationPerHour: 5, perInviterPerHour: 3 };
let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack({ tenancy: { invitationLimits: LIMITS } });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const invitationCount = async (column: 'organization_id' | 'invited_by', id: string) =>
  Number(
    (await db.query(`select count(*) from tenancy.invitations where ${column} = $1`, [id])).rows[0].count,
  );

async function invite(token: string, organizationId: string, email = uniqueEmail('invited')) {
  const result = await stack.graphql(INVITE_MEMBER, { organizationId, email, role: 'ADMIN' }, token);
  return { result, email };
}

describe('invitation limits', () => {
  it('per inviter: 20 invitations at once send the allowance, the rest are RATE_LIMITED and mail nothing', async () => {
    const { admin, organizationId } = await organization(stack, 'flood');

    const sent = await Promise.all(Array.from({ length: 20 }, () => invite(admin.token, organizationId)));

    const accepted = sent.filter(({ result }) => !result.errors);
    const refused = sent.filter(({ result }) => result.errors);
    expect(accepted).toHaveLength(LIMITS.perInviterPerHour);
    expect(refused.map(({ result }) => codeOf(result))).toEqual(
      Array(20 - LIMITS.perInviterPerHour).fill('RATE_LIMITED'),
    );
    expect(refused[0]!.result.errors![0]!.extensions).toMatchObject({
      limit: LIMITS.perInviterPerHour,
      retryAfter: expect.any(Number),
    });
    for (const { email } of refused) expect(stack.mails(email)).toHaveLength(0);
    expect(await invitationCount('invited_by', admin.userId)).toBe(LIMITS.perInviterPerHour);
  });

  it('per inviter across organizations: a new organization buys no new allowance', async () => {
    const { admin, organizationId } = await organization(stack, 'many-orgs');
    for (let i = 0; i < LIMITS.perInviterPerHour; i++) {
      expect((await invite(admin.token, organizationId)).result.errors).toBeUndefined();
    }
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Another one' },
      admin.token,
    );

    const { result } = await invite(admin.token, created.data!.createOrganization.id);

    expect(codeOf(result)).toBe('RATE_LIMITED');
  });

  it('per organization: its admins together send at most its allowance', async () => {
    const { admin, organizationId } = await organization(stack, 'org-limit');
    const second = await signIn(stack, 'org-limit-second');
    await addMembership(db, organizationId, second.userId, 'ADMIN');
    const secondToken = (await stack.signIn(second.email)).token;

    for (let i = 0; i < LIMITS.perInviterPerHour; i++) {
      expect((await invite(admin.token, organizationId)).result.errors).toBeUndefined();
    }
    const bySecond = [];
    for (let i = 0; i < LIMITS.perInviterPerHour; i++)
      bySecond.push(await invite(secondToken, organizationId));

    expect(bySecond.map(({ result }) => codeOf(result) ?? 'ALLOWED')).toEqual([
      'ALLOWED',
      'ALLOWED',
      'RATE_LIMITED',
    ]);
    expect(await invitationCount('organization_id', organizationId)).toBe(LIMITS.perOrganizationPerHour);
  });
});

describe('accepting is bound to the invited address', () => {
  it('another account holding the token is FORBIDDEN and nothing changes; the invitee then accepts', async () => {
    const { admin, organizationId } = await organization(stack, 'bound');
    const invitee = await signIn(stack, 'bound-invitee');
    const stranger = await signIn(stack, 'bound-stranger');
    await invite(admin.token, organizationId, ` ${invitee.email.toUpperCase()}`);
    const token = mailedToken(stack, invitee.email);

    const byStranger = await stack.graphql(ACCEPT_INVITATION, { token }, stranger.token);

    expect(byStranger.data).toBeNull();
    expect(byStranger.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', reason: 'INVITED_ANOTHER_ADDRESS' }),
    ]);
    const { rows } = await db.query(
      'select accepted_at, accepted_by from tenancy.invitations where organization_id = $1 and invited_by = $2',
      [organizationId, admin.userId],
    );
    expect(rows).toEqual([{ accepted_at: null, accepted_by: null }]);
    expect(
      Number(
        (
          await db.query(
            'select count(*) from tenancy.memberships where organization_id = $1 and user_id = $2',
            [organizationId, stranger.userId],
          )
        ).rows[0].count,
      ),
    ).toBe(0);

    // The address compares as sign-in compares it (case and surrounding spaces aside).
    const byInvitee = await stack.graphql(ACCEPT_INVITATION, { token }, invitee.token);
    expect(byInvitee.errors).toBeUndefined();
  });
});
