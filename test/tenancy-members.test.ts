import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { codeOf, join, organization, outboxActions, signIn } from './support/tenancy-fixtures.ts';

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

const CHANGE_ROLE = /* GraphQL */ `
  mutation ChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {
    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {
      role
      user {
        id
      }
    }
  }
`;
const REMOVE_MEMBER = /* GraphQL */ `
  mutation RemoveMember($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`;
const MEMBERS = /* GraphQL */ `
  query Members($id: ID!) {
    organization(id: $id) {
      members {
        role
        user {
          id
        }
      }
    }
  }
`;
const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      name
    }
  }
`;

const rolesIn = async (organizationId: string) =>
  Object.fromEntries(
    (
      await db.query<{ user_id: string; role: string }>(
        'select user_id, role from tenancy.memberships where organization_id = $1',
        [organizationId],
      )
    ).rows.map((row) => [row.user_id, row.role]),
  );

const projectRolesIn = async (organizationId: string) =>
  (
    await db.query<{ user_id: string; role: string }>(
      'select user_id, role from tenancy.project_memberships where organization_id = $1 order by user_id',
      [organizationId],
    )
  ).rows;

describe('changing a member’s role', () => {
  it('takes effect on the member’s next request, both ways, with one audit event each', async () => {
    const { admin, organizationId } = await organization(stack, 'promote');
    const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    expect(codeOf(await stack.graphql(MEMBERS, { id: organizationId }, member.token))).toBe('FORBIDDEN');
    const before = (await outboxActions(db, organizationId)).length;

    const promoted = await stack.graphql(
      CHANGE_ROLE,
      { organizationId, userId: member.userId, role: 'ADMIN' },
      admin.token,
    );

    expect(promoted.data).toEqual({ changeMemberRole: { role: 'ADMIN', user: { id: member.userId } } });
    const asAdmin = await stack.graphql(MEMBERS, { id: organizationId }, member.token);
    expect(asAdmin.errors).toBeUndefined();
    expect((asAdmin.data as { organization: { members: unknown[] } }).organization.members).toHaveLength(2);

    const demoted = await stack.graphql(
      CHANGE_ROLE,
      { organizationId, userId: member.userId, role: 'MEMBER' },
      admin.token,
    );

    expect(demoted.errors).toBeUndefined();
    expect(codeOf(await stack.graphql(MEMBERS, { id: organizationId }, member.token))).toBe('FORBIDDEN');
    expect((await outboxActions(db, organizationId)).slice(before)).toEqual([
      'tenancy.member.role_changed',
      'tenancy.member.role_changed',
    ]);
  });

  it('is for admins: a MEMBER is FORBIDDEN, another organization’s admin NOT_FOUND; bad targets refused', async () => {
    const { admin, organizationId } = await organization(stack, 'who-changes');
    const other = await organization(stack, 'who-changes-other');
    const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    const outsider = await signIn(stack, 'outsider');
    const before = await outboxActions(db, organizationId);
    const change = (token: string | undefined, userId: string, role = 'ADMIN') =>
      stack.graphql(CHANGE_ROLE, { organizationId, userId, role }, token);

    expect(codeOf(await change(member.token, member.userId))).toBe('FORBIDDEN');
    expect(codeOf(await change(other.admin.token, member.userId))).toBe('NOT_FOUND');
    expect(codeOf(await change(undefined, member.userId))).toBe('NOT_FOUND');
    expect(codeOf(await change(admin.token, outsider.userId))).toBe('NOT_FOUND');
    expect(codeOf(await change(admin.token, other.admin.userId))).toBe('NOT_FOUND');
    expect(codeOf(await change(admin.token, 'not-a-uuid'))).toBe('BAD_USER_INPUT');
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(
      codeOf(await change(admin.token, member.userId, 'OWNER')),
    );
    expect(await rolesIn(organizationId)).toEqual({ [admin.userId]: 'ADMIN', [member.userId]: 'MEMBER' });
    expect(await outboxActions(db, organizationId)).toEqual(before);
  });
});

describe('removing a member', () => {
  it('ends their access on the next request and removes their project roles', async () => {
    const { admin, organizationId, projectId } = await organization(stack, 'remove');
    const member = await join(stack, admin.token, {
      organizationId,
      role: 'MEMBER',
      projectId,
      projectRole: 'PARTICIPANT',
    });
    expect((await stack.graphql(PROJECT, { id: projectId }, member.token)).data).toEqual({
      project: { name: 'remove project' },
    });
    const before = (await outboxActions(db, organizationId)).length;

    const removed = await stack.graphql(
      REMOVE_MEMBER,
      { organizationId, userId: member.userId },
      admin.token,
    );

    expect(removed.data).toEqual({ removeMember: true });
    expect((await stack.graphql(MEMBERS, { id: organizationId }, member.token)).data).toEqual({
      organization: null,
    });
    expect((await stack.graphql(PROJECT, { id: projectId }, member.token)).data).toEqual({ project: null });
    expect(await rolesIn(organizationId)).toEqual({ [admin.userId]: 'ADMIN' });
    expect(await projectRolesIn(organizationId)).toEqual([]);
    expect((await outboxActions(db, organizationId)).slice(before)).toEqual(['tenancy.member.removed']);
    const again = await stack.graphql(REMOVE_MEMBER, { organizationId, userId: member.userId }, admin.token);
    expect(codeOf(again)).toBe('NOT_FOUND');
  });

  it('is for admins: a MEMBER is FORBIDDEN, another organization’s admin NOT_FOUND', async () => {
    const { admin, organizationId } = await organization(stack, 'who-removes');
    const other = await organization(stack, 'who-removes-other');
    const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    const vars = { organizationId, userId: admin.userId };

    expect(codeOf(await stack.graphql(REMOVE_MEMBER, vars, member.token))).toBe('FORBIDDEN');
    expect(codeOf(await stack.graphql(REMOVE_MEMBER, vars, other.admin.token))).toBe('NOT_FOUND');
    expect(await rolesIn(organizationId)).toEqual({ [admin.userId]: 'ADMIN', [member.userId]: 'MEMBER' });
  });
});

describe('the last admin', () => {
  it('can be neither demoted nor removed (CONFLICT), and nothing is recorded', async () => {
    const { admin, organizationId } = await organization(stack, 'last-admin');
    await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    const before = await outboxActions(db, organizationId);

    const demoted = await stack.graphql(
      CHANGE_ROLE,
      { organizationId, userId: admin.userId, role: 'MEMBER' },
      admin.token,
    );
    const removed = await stack.graphql(REMOVE_MEMBER, { organizationId, userId: admin.userId }, admin.token);

    expect(codeOf(demoted)).toBe('CONFLICT');
    expect(codeOf(removed)).toBe('CONFLICT');
    expect((await rolesIn(organizationId))[admin.userId]).toBe('ADMIN');
    expect(await outboxActions(db, organizationId)).toEqual(before);
  });

  it('survives two admins demoting each other at the same moment: exactly one succeeds', async () => {
    const { admin, organizationId } = await organization(stack, 'race');
    const second = await join(stack, admin.token, { organizationId, role: 'ADMIN' }, 'second-admin');
    // Both principals are resolved (and cached) as ADMIN before the race.
    for (const token of [admin.token, second.token]) {
      expect((await stack.graphql(MEMBERS, { id: organizationId }, token)).errors).toBeUndefined();
    }
    const before = (await outboxActions(db, organizationId)).length;

    // Hold the organization row, so that both requests are past authorization and wait on the lock.
    const holder = await adminClient();
    try {
      await holder.query('begin');
      await holder.query('select id from tenancy.organizations where id = $1 for update', [organizationId]);
      const racing = Promise.all([
        stack.graphql(CHANGE_ROLE, { organizationId, userId: second.userId, role: 'MEMBER' }, admin.token),
        stack.graphql(CHANGE_ROLE, { organizationId, userId: admin.userId, role: 'MEMBER' }, second.token),
      ]);
      await waitForLockWaiters(2);
      await holder.query('commit');
      const results = await racing;

      expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    } finally {
      await holder.end();
    }
    expect(Object.values(await rolesIn(organizationId)).sort()).toEqual(['ADMIN', 'MEMBER']);
    expect((await outboxActions(db, organizationId)).slice(before)).toEqual(['tenancy.member.role_changed']);
  });
});

/** Waits until `n` tenancy transactions are blocked on a row lock of tenancy.organizations. */
async function waitForLockWaiters(n: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and usename = 'steward_tenancy_app'
          and query like '%tenancy.organizations%for no key update%'`,
    );
    if (rows[0]!.n >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} of ${n} requests reached the lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
