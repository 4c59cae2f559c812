/**
 * The same mutation fired 40 times at once, as a script would: each answers with data or a coded
 * error a client can act on, never an internal one, and the end state is what one of them makes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import {
  ACCEPT_INVITATION,
  CREATE_PROJECT,
  INVITE_MEMBER,
  join,
  mailedToken,
  organization,
  signIn,
} from './support/tenancy-fixtures.ts';

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

const TIMES = 40;

async function fired(query: string, variables: Record<string, unknown>, token: string) {
  return Promise.all(Array.from({ length: TIMES }, () => stack.graphql(query, variables, token)));
}

/** The codes of the refusals; none may be internal. */
function codesOf(results: GraphQLResult<unknown>[]): Set<unknown> {
  const codes = new Set(results.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code)));
  expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  return codes;
}
const succeeded = (results: GraphQLResult<unknown>[]) => results.filter((r) => !r.errors).length;

const CHANGE_ROLE = /* GraphQL */ `
  mutation ($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {
    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {
      role
    }
  }
`;
const REMOVE_MEMBER = /* GraphQL */ `
  mutation ($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`;
const SET_PROJECT_ROLE = /* GraphQL */ `
  mutation ($projectId: ID!, $userId: ID!, $role: ProjectRole) {
    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {
      role
    }
  }
`;

describe('40 at once', () => {
  it('the same invitation: each withdraws the one before, and one is pending', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-invite');
    const invitee = await signIn(stack, 'burst-invitee');
    const results = await fired(
      INVITE_MEMBER,
      { organizationId, email: invitee.email, role: 'MEMBER' },
      admin.token,
    );
    codesOf(results);
    expect(succeeded(results)).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query(
      'select count(*)::int as n from tenancy.invitations where organization_id = $1 and email = $2 and accepted_at is null and revoked_at is null',
      [organizationId, invitee.email],
    );
    expect(rows[0].n).toBe(1);
  });

  it('one invitation accepted 40 times: one membership', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-accept');
    const invitee = await signIn(stack, 'burst-acceptor');
    const invited = await stack.graphql(
      INVITE_MEMBER,
      { organizationId, email: invitee.email, role: 'MEMBER' },
      admin.token,
    );
    expect(invited.errors).toBeUndefined();
    const results = await fired(
      ACCEPT_INVITATION,
      { token: mailedToken(stack, invitee.email) },
      invitee.token,
    );
    codesOf(results);
    expect(succeeded(results)).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query(
      'select count(*)::int as n from tenancy.memberships where organization_id = $1 and user_id = $2',
      [organizationId, invitee.userId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('a role change, a project role and a removal: the member ends as one of them leaves it', async () => {
    const { admin, organizationId, projectId } = await organization(stack, 'burst-roles');
    const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    codesOf(await fired(CHANGE_ROLE, { organizationId, userId: member.userId, role: 'ADMIN' }, admin.token));
    codesOf(await fired(SET_PROJECT_ROLE, { projectId, userId: member.userId, role: 'EDITOR' }, admin.token));
    const { rows } = await db.query(
      'select count(*)::int as n from tenancy.project_memberships where project_id = $1 and user_id = $2',
      [projectId, member.userId],
    );
    expect(rows[0].n).toBe(1);
    const removed = await fired(REMOVE_MEMBER, { organizationId, userId: member.userId }, admin.token);
    codesOf(removed);
    expect(succeeded(removed)).toBeGreaterThanOrEqual(1);
    const left = await db.query(
      'select count(*)::int as n from tenancy.memberships where organization_id = $1 and user_id = $2',
      [organizationId, member.userId],
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('two admins demoting each other at once: the organization keeps an admin', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-last-admin');
    const other = await join(stack, admin.token, { organizationId, role: 'ADMIN' });
    const results = await Promise.all([
      ...Array.from({ length: TIMES / 2 }, () =>
        stack.graphql(CHANGE_ROLE, { organizationId, userId: other.userId, role: 'MEMBER' }, admin.token),
      ),
      ...Array.from({ length: TIMES / 2 }, () =>
        stack.graphql(CHANGE_ROLE, { organizationId, userId: admin.userId, role: 'MEMBER' }, other.token),
      ),
    ]);
    codesOf(results);
    const { rows } = await db.query(
      `select count(*)::int as n from tenancy.memberships where organization_id = $1 and role = 'ADMIN'`,
      [organizationId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('projects created at once: each one made once, under the limits', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-projects');
    const results = await fired(CREATE_PROJECT, { organizationId, name: 'Burst' }, admin.token);
    codesOf(results);
    const { rows } = await db.query(
      'select count(*)::int as n from tenancy.projects where organization_id = $1',
      [organizationId],
    );
    expect(rows[0].n).toBe(1 + succeeded(results));
  });
});

const CREATE_KEY = /* GraphQL */ `
  mutation ($organizationId: ID!) {
    createApiKey(organizationId: $organizationId, name: "burst", scopes: ["projects:read"]) {
      apiKey {
        id
      }
    }
  }
`;
const REVOKE_KEY = /* GraphQL */ `
  mutation ($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`;
const REVOKE_SESSION = /* GraphQL */ `
  mutation ($id: ID!) {
    revokeSession(id: $id) {
      id
    }
  }
`;
const SET_POLICY = /* GraphQL */ `
  mutation ($organizationId: ID!) {
    setSignInPolicy(organizationId: $organizationId, policy: { secondFactor: NONE }) {
      secondFactor
    }
  }
`;
const SET_RETENTION = /* GraphQL */ `
  mutation ($organizationId: ID!) {
    setRetentionPolicy(organizationId: $organizationId, rules: [{ category: SESSIONS, keepFor: "P7D" }]) {
      category
    }
  }
`;
const SET_HOLD = /* GraphQL */ `
  mutation ($organizationId: ID!, $hold: Boolean!) {
    setLegalHold(organizationId: $organizationId, hold: $hold, reason: "Burst") {
      id
    }
  }
`;
const EXPORT = /* GraphQL */ `
  mutation ($organizationId: ID!) {
    requestDataExport(subject: { organizationId: $organizationId }) {
      id
    }
  }
`;
const DELETE = /* GraphQL */ `
  mutation ($organizationId: ID!) {
    requestDeletion(subject: { organizationId: $organizationId }, reason: "Burst") {
      id
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation ($id: ID!) {
    cancelDeletion(id: $id) {
      id
    }
  }
`;

describe('40 at once, identity and lifecycle', () => {
  it('partner keys created and one revoked: every answer coded, one revocation stands', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-keys');
    const created = await fired(CREATE_KEY, { organizationId }, admin.token);
    codesOf(created);
    const ids = created.flatMap((r) => {
      const data = r.data as { createApiKey?: { apiKey: { id: string } } } | null;
      return data?.createApiKey ? [data.createApiKey.apiKey.id] : [];
    });
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const revoked = await fired(REVOKE_KEY, { id: ids[0] }, admin.token);
    codesOf(revoked);
    expect(succeeded(revoked)).toBeGreaterThanOrEqual(1);
  });

  it('one session revoked 40 times: revoked once', async () => {
    const me = await signIn(stack, 'burst-sessions');
    await stack.signIn(me.email);
    const { rows: newest } = await db.query(
      'select id from identity.sessions where user_id = $1 order by created_at desc, id limit 1',
      [me.userId],
    );
    const other = { sessionId: newest[0].id as string };
    const results = await fired(REVOKE_SESSION, { id: other.sessionId }, me.token);
    codesOf(results);
    expect(succeeded(results)).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query('select revoked_at from identity.sessions where id = $1', [
      other.sessionId,
    ]);
    expect(rows[0].revoked_at).toEqual(expect.any(Date));
  });

  it('a sign-in policy, a retention policy and a legal hold, each set 40 times', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-policies');
    for (const [query, variables] of [
      [SET_POLICY, { organizationId }],
      [SET_RETENTION, { organizationId }],
      [SET_HOLD, { organizationId, hold: true }],
      [SET_HOLD, { organizationId, hold: false }],
    ] as const) {
      const results = await fired(query, variables, admin.token);
      codesOf(results);
      expect(succeeded(results)).toBeGreaterThanOrEqual(1);
    }
    // The hold was placed, then lifted: none is left.
    const { rows } = await db.query('select 1 from lifecycle.legal_holds where organization_id = $1', [
      organizationId,
    ]);
    expect(rows).toEqual([]);
  });

  it('an export and a deletion asked 40 times, the deletion cancelled 40 times: one export, one deletion', async () => {
    const { admin, organizationId } = await organization(stack, 'burst-lifecycle');
    // Every ask answers the one export being built: one archive, one job.
    const exports = await fired(EXPORT, { organizationId }, admin.token);
    codesOf(exports);
    const ids = new Set(
      exports.map((r) => (r.data as { requestDataExport: { id: string } }).requestDataExport.id),
    );
    expect(ids.size).toBe(1);
    const { rows: archives } = await db.query(
      'select id from lifecycle.data_exports where organization_id = $1 and user_id is null',
      [organizationId],
    );
    expect(archives).toEqual([{ id: [...ids][0] }]);
    const deletions = await fired(DELETE, { organizationId }, admin.token);
    expect(codesOf(deletions)).toEqual(new Set(['CONFLICT']));
    expect(succeeded(deletions)).toBe(1);
    const { rows } = await db.query(
      `select id from lifecycle.deletion_requests where organization_id = $1 and user_id is null and status <> 'CANCELLED'`,
      [organizationId],
    );
    expect(rows).toHaveLength(1);
    const cancelled = await fired(CANCEL, { id: rows[0].id }, admin.token);
    codesOf(cancelled);
    expect(succeeded(cancelled)).toBeGreaterThanOrEqual(1);
  });
});
