import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  CREATE_PROJECT,
  INVITE_MEMBER,
  codeOf,
  join,
  organization,
  outboxActions,
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

const END_CONTRACT = /* GraphQL */ `
  mutation EndContract($organizationId: ID!, $endsAt: DateTime!) {
    endContract(organizationId: $organizationId, endsAt: $endsAt) {
      id
      status
      contractEndsAt
    }
  }
`;
const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) {
      name
      status
      contractEndsAt
      projects {
        name
      }
    }
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
const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($organizationId: ID!, $scopes: [String!]!) {
    createApiKey(organizationId: $organizationId, name: "Partner", scopes: $scopes) {
      secret
    }
  }
`;

const contractOf = async (organizationId: string) =>
  (
    await db.query('select status, contract_ends_at from tenancy.organizations where id = $1', [
      organizationId,
    ])
  ).rows[0] as { status: string; contract_ends_at: Date | null };

describe('endContract', () => {
  it('ends a contract now or later, and records each change once', async () => {
    const { admin, organizationId } = await organization(stack, 'contract');
    const before = (await outboxActions(db, organizationId)).length;
    const later = new Date(Date.now() + 90 * 24 * 3600_000).toISOString();
    const earlier = new Date(Date.now() - 1000).toISOString();

    const scheduled = await stack.graphql(END_CONTRACT, { organizationId, endsAt: later }, admin.token);
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data).toEqual({
      endContract: { id: organizationId, status: 'ACTIVE', contractEndsAt: later },
    });

    const ended = await stack.graphql(END_CONTRACT, { organizationId, endsAt: earlier }, admin.token);
    expect(ended.data).toEqual({
      endContract: { id: organizationId, status: 'CONTRACT_ENDED', contractEndsAt: earlier },
    });
    expect(await contractOf(organizationId)).toEqual({
      status: 'CONTRACT_ENDED',
      contract_ends_at: new Date(earlier),
    });
    const { rows } = await db.query(
      `select event from tenancy.audit_outbox
        where organization_id = $1 and event->>'action' <> 'tenancy.permission.denied'
        order by occurred_at, id offset $2`,
      [organizationId, before],
    );
    expect(rows.map((r) => r.event)).toMatchObject([
      { action: 'tenancy.contract.changed', metadata: { status: 'ACTIVE', ended: false } },
      {
        action: 'tenancy.contract.changed',
        outcome: 'SUCCESS',
        actor: { type: 'USER', id: admin.userId },
        target: { type: 'Organization', id: organizationId },
        metadata: {
          status: 'CONTRACT_ENDED',
          ended: true,
          contractEndsAt: earlier,
          previousStatus: 'ACTIVE',
        },
      },
    ]);
  });

  it('is for admins: a MEMBER is FORBIDDEN, another organization’s admin NOT_FOUND', async () => {
    const { admin, organizationId } = await organization(stack, 'who-ends');
    const other = await organization(stack, 'who-ends-other');
    const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' });
    const before = await outboxActions(db, organizationId);
    const endsAt = new Date().toISOString();

    expect(codeOf(await stack.graphql(END_CONTRACT, { organizationId, endsAt }, member.token))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await stack.graphql(END_CONTRACT, { organizationId, endsAt }, other.admin.token))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await stack.graphql(END_CONTRACT, { organizationId, endsAt }))).toBe('NOT_FOUND');
    expect(await contractOf(organizationId)).toEqual({ status: 'ACTIVE', contract_ends_at: null });
    expect(await outboxActions(db, organizationId)).toEqual(before);
  });

  it('refuses an endsAt that is not a date with BAD_USER_INPUT, changing nothing', async () => {
    const { admin, organizationId } = await organization(stack, 'bad-date');
    const before = await outboxActions(db, organizationId);
    for (const bad of ['not a date', '2026-13-45T00:00:00Z', '', 12]) {
      const result = await stack.graphql(END_CONTRACT, { organizationId, endsAt: bad }, admin.token);
      expect({ bad, code: codeOf(result), data: result.data ?? null }).toEqual({
        bad,
        code: 'BAD_USER_INPUT',
        data: null,
      });
    }
    expect(await contractOf(organizationId)).toEqual({ status: 'ACTIVE', contract_ends_at: null });
    expect(await outboxActions(db, organizationId)).toEqual(before);
  });
});

describe('partner API keys', () => {
  async function keyWith(adminToken: string, organizationId: string, scopes: string[]) {
    const result = await stack.graphql<{ createApiKey: { secret: string } }>(
      CREATE_API_KEY,
      { organizationId, scopes },
      adminToken,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createApiKey.secret;
  }

  it('projects:write creates a project in its organization only, and it is recorded', async () => {
    const { admin, organizationId } = await organization(stack, 'writer');
    const other = await organization(stack, 'writer-other');
    const key = await keyWith(admin.token, organizationId, ['projects:write']);

    const created = await stack.graphql(CREATE_PROJECT, { organizationId, name: 'From the partner' }, key);
    const elsewhere = await stack.graphql(
      CREATE_PROJECT,
      { organizationId: other.organizationId, name: 'Elsewhere' },
      key,
    );

    expect(created.errors).toBeUndefined();
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
    const { rows } = await db.query(
      `select event from tenancy.audit_outbox
        where organization_id = $1 and event->>'action' = 'tenancy.project.created'
          and event->'metadata'->>'name' = 'From the partner'`,
      [organizationId],
    );
    expect(rows.map((row) => row.event)).toMatchObject([{ actor: { type: 'API_KEY' } }]);
  });

  it('projects:read reads the organization and projects, not members; members:read reads members', async () => {
    const { admin, organizationId } = await organization(stack, 'readers');
    const projectsReader = await keyWith(admin.token, organizationId, ['projects:read']);
    const membersReader = await keyWith(admin.token, organizationId, ['members:read']);

    const organizationRead = await stack.graphql(ORGANIZATION, { id: organizationId }, projectsReader);
    expect(organizationRead.data).toMatchObject({
      organization: { name: 'Tenancy readers', status: 'ACTIVE', projects: [{ name: 'readers project' }] },
    });
    expect(codeOf(await stack.graphql(MEMBERS, { id: organizationId }, projectsReader))).toBe('FORBIDDEN');
    const membersRead = await stack.graphql(MEMBERS, { id: organizationId }, membersReader);
    expect(membersRead.errors).toBeUndefined();
    expect(membersRead.data).toEqual({
      organization: { members: [{ role: 'ADMIN', user: { id: admin.userId } }] },
    });
  });

  it('may not change members, invitations, roles or the contract, whatever its scopes', async () => {
    const { admin, organizationId, projectId } = await organization(stack, 'no-writes');
    const key = await keyWith(admin.token, organizationId, [
      'projects:read',
      'members:read',
      'projects:write',
    ]);
    const before = await outboxActions(db, organizationId);
    const email = uniqueEmail('partner-invite');
    const attempts = [
      stack.graphql(INVITE_MEMBER, { organizationId, email, role: 'ADMIN' }, key),
      stack.graphql(END_CONTRACT, { organizationId, endsAt: new Date().toISOString() }, key),
      stack.graphql(
        /* GraphQL */ `
          mutation ($o: ID!, $u: ID!) {
            removeMember(organizationId: $o, userId: $u)
          }
        `,
        { o: organizationId, u: admin.userId },
        key,
      ),
      stack.graphql(
        /* GraphQL */ `
          mutation ($p: ID!, $u: ID!) {
            setProjectRole(projectId: $p, userId: $u, role: PARTICIPANT) {
              role
            }
          }
        `,
        { p: projectId, u: admin.userId },
        key,
      ),
      stack.graphql(
        /* GraphQL */ `
          mutation {
            createOrganization(name: "Partner org") {
              id
            }
          }
        `,
        {},
        key,
      ),
    ];

    for (const result of await Promise.all(attempts)) expect(codeOf(result)).toBe('FORBIDDEN');
    expect(stack.mails(email)).toEqual([]);
    expect(await outboxActions(db, organizationId)).toEqual(before);
  });
});
