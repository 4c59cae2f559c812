import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { codeOf, join, organization, outboxActions } from './support/tenancy-fixtures.ts';

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

const SET_PROJECT_ROLE = /* GraphQL */ `
  mutation SetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {
    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {
      role
      user {
        id
      }
      project {
        id
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

const projectRolesIn = async (organizationId: string) =>
  (
    await db.query<{ user_id: string; role: string }>(
      'select user_id, role from tenancy.project_memberships where organization_id = $1 order by user_id',
      [organizationId],
    )
  ).rows;

describe('setProjectRole', () => {
  async function projectWithTeam(label: string) {
    const org = await organization(stack, label);
    const { organizationId, projectId } = org;
    const editor = await join(
      stack,
      org.admin.token,
      { organizationId, role: 'MEMBER', projectId, projectRole: 'EDITOR' },
      'editor',
    );
    const participant = await join(
      stack,
      org.admin.token,
      { organizationId, role: 'MEMBER', projectId, projectRole: 'PARTICIPANT' },
      'participant',
    );
    const newcomer = await join(stack, org.admin.token, { organizationId, role: 'MEMBER' }, 'newcomer');
    return { ...org, editor, participant, newcomer };
  }

  it('lets an editor manage participants; the participant sees the project on the next request', async () => {
    const { organizationId, projectId, editor, newcomer } = await projectWithTeam('editor-sets');
    expect((await stack.graphql(PROJECT, { id: projectId }, newcomer.token)).data).toEqual({ project: null });
    const before = (await outboxActions(db, organizationId)).length;

    const given = await stack.graphql(
      SET_PROJECT_ROLE,
      { projectId, userId: newcomer.userId, role: 'PARTICIPANT' },
      editor.token,
    );

    expect(given.errors).toBeUndefined();
    expect(given.data).toEqual({
      setProjectRole: { role: 'PARTICIPANT', user: { id: newcomer.userId }, project: { id: projectId } },
    });
    expect((await stack.graphql(PROJECT, { id: projectId }, newcomer.token)).data).toEqual({
      project: { name: 'editor-sets project' },
    });

    const taken = await stack.graphql(
      SET_PROJECT_ROLE,
      { projectId, userId: newcomer.userId, role: null },
      editor.token,
    );

    expect(taken.data).toEqual({ setProjectRole: null });
    expect((await stack.graphql(PROJECT, { id: projectId }, newcomer.token)).data).toEqual({ project: null });
    expect((await outboxActions(db, organizationId)).slice(before)).toEqual([
      'tenancy.project_role.changed',
      'tenancy.project_role.changed',
    ]);
  });

  it('keeps EDITOR roles for admins: an editor may not give or take one', async () => {
    const { admin, organizationId, projectId, editor, newcomer } = await projectWithTeam('editor-limits');
    const secondEditor = await join(
      stack,
      admin.token,
      { organizationId, role: 'MEMBER', projectId, projectRole: 'EDITOR' },
      'second-editor',
    );
    const set = (token: string, userId: string, role: string | null) =>
      stack.graphql(SET_PROJECT_ROLE, { projectId, userId, role }, token);

    expect(codeOf(await set(editor.token, newcomer.userId, 'EDITOR'))).toBe('FORBIDDEN');
    expect(codeOf(await set(editor.token, secondEditor.userId, 'PARTICIPANT'))).toBe('FORBIDDEN');
    expect(codeOf(await set(editor.token, secondEditor.userId, null))).toBe('FORBIDDEN');
    const byAdmin = await set(admin.token, newcomer.userId, 'EDITOR');
    expect(byAdmin.data).toMatchObject({ setProjectRole: { role: 'EDITOR' } });
  });

  it('is FORBIDDEN to a participant, NOT_FOUND for another organization’s project, BAD_USER_INPUT for a non-member', async () => {
    const { admin, organizationId, projectId, participant, newcomer } = await projectWithTeam('who-sets');
    const other = await organization(stack, 'who-sets-other');
    const before = await projectRolesIn(organizationId);
    const outbox = await outboxActions(db, organizationId);
    const set = (token: string | undefined, vars: Record<string, unknown>) =>
      stack.graphql(SET_PROJECT_ROLE, { role: 'PARTICIPANT', ...vars }, token);

    expect(codeOf(await set(participant.token, { projectId, userId: newcomer.userId }))).toBe('FORBIDDEN');
    // A member with no role in the project does not see it.
    expect(codeOf(await set(newcomer.token, { projectId, userId: newcomer.userId }))).toBe('NOT_FOUND');
    expect(codeOf(await set(other.admin.token, { projectId, userId: other.admin.userId }))).toBe('NOT_FOUND');
    expect(codeOf(await set(admin.token, { projectId: other.projectId, userId: newcomer.userId }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await set(admin.token, { projectId, userId: other.admin.userId }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await set(admin.token, { projectId, userId: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await set(undefined, { projectId, userId: newcomer.userId }))).toBe('NOT_FOUND');
    expect(await projectRolesIn(organizationId)).toEqual(before);
    expect(await outboxActions(db, organizationId)).toEqual(outbox);
  });
});
