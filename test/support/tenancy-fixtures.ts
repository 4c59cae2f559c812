import { expect } from '@jest/globals';
import type pg from 'pg';
import { uniqueEmail, type GraphQLResult, type TestStack } from './stack.ts';

// Shared by the tenancy end-to-end tests: organizations, invitations and outbox rows, made
// through the public graph as a client would.

export interface SignedIn {
  token: string;
  userId: string;
  email: string;
}

export const codeOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions?.code;

export const CREATE_ORGANIZATION = /* GraphQL */ `
  mutation CreateOrganization($name: String!) {
    createOrganization(name: $name) {
      id
    }
  }
`;
export const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($organizationId: ID!, $name: String!) {
    createProject(organizationId: $organizationId, name: $name) {
      id
    }
  }
`;
export const INVITE_MEMBER = /* GraphQL */ `
  mutation InviteMember(
    $organizationId: ID!
    $email: String!
    $role: OrganizationRole!
    $projectId: ID
    $projectRole: ProjectRole
  ) {
    inviteMember(
      organizationId: $organizationId
      email: $email
      role: $role
      projectId: $projectId
      projectRole: $projectRole
    ) {
      id
      organizationId
      email
      role
      projectId
      projectRole
      createdAt
      expiresAt
      acceptedAt
    }
  }
`;
export const ACCEPT_INVITATION = /* GraphQL */ `
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      role
      createdAt
      user {
        id
      }
      organization {
        id
        name
      }
    }
  }
`;

export async function signIn(stack: TestStack, label: string): Promise<SignedIn> {
  const email = uniqueEmail(label);
  return { ...(await stack.signIn(email)), email };
}

/** An admin with an organization holding one project. */
export async function organization(stack: TestStack, label: string) {
  const admin = await signIn(stack, `${label}-admin`);
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    CREATE_ORGANIZATION,
    { name: `Tenancy ${label}` },
    admin.token,
  );
  expect(created.errors).toBeUndefined();
  const organizationId = created.data!.createOrganization.id;
  const project = await stack.graphql<{ createProject: { id: string } }>(
    CREATE_PROJECT,
    { organizationId, name: `${label} project` },
    admin.token,
  );
  expect(project.errors).toBeUndefined();
  return { admin, organizationId, projectId: project.data!.createProject.id };
}

/** The token of the newest invitation mailed to `email`. */
export function mailedToken(stack: TestStack, email: string): string {
  const mail = stack.mails(email).at(-1);
  const token = mail?.text.match(/Invitation token: (\S+)/)?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

export interface Invite {
  organizationId: string;
  email: string;
  role: 'ADMIN' | 'MEMBER';
  projectId?: string;
  projectRole?: 'EDITOR' | 'PARTICIPANT';
}

/** Invites, signs the invitee in, and accepts: a member the way a real one joins. */
export async function join(
  stack: TestStack,
  adminToken: string,
  invite: Omit<Invite, 'email'>,
  label = 'member',
) {
  const member = await signIn(stack, label);
  const invited = await stack.graphql(INVITE_MEMBER, { ...invite, email: member.email }, adminToken);
  expect(invited.errors).toBeUndefined();
  const accepted = await stack.graphql(
    ACCEPT_INVITATION,
    { token: mailedToken(stack, member.email) },
    member.token,
  );
  expect(accepted.errors).toBeUndefined();
  return member;
}

/**
 * The tenancy audit outbox's actions for one organization, oldest first: the changes, without the
 * permission denials (those are checked by test/audit-denials and the permission matrix).
 */
export async function outboxActions(db: pg.Client, organizationId: string): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>(
    `select event->>'action' as action from tenancy.audit_outbox
      where organization_id = $1 and event->>'action' <> 'tenancy.permission.denied'
      order by occurred_at, id`,
    [organizationId],
  );
  return rows.map((row) => row.action);
}

/**
 * Makes a user a member of an organization straight in the database (as superuser), for tests
 * whose subject is not the invitation flow.
 */
export async function addMembership(
  db: pg.Client,
  organizationId: string,
  userId: string,
  role: 'ADMIN' | 'MEMBER' = 'MEMBER',
): Promise<void> {
  await db.query(
    `insert into tenancy.memberships (id, organization_id, user_id, role) values (gen_random_uuid(), $1, $2, $3)`,
    [organizationId, userId, role],
  );
}
