import { expect } from '@jest/globals';
import { uniqueEmail, type TestStack } from '../stack.ts';
import {
  INVITE_MEMBER,
  join,
  mailedToken,
  organization,
  signIn,
  type SignedIn,
} from '../tenancy-fixtures.ts';
import { CREATE_API_KEY } from '../api-keys.ts';
import { SoftwareAuthenticator } from '../software-authenticator.ts';
import { operatorSession } from '../operator.ts';

// The world every row of the permission matrix runs in: organization A (with project P, a
// participant, an editor, a plain member to act on, API keys, a pending invitation) and
// organization B, another tenant with the same kinds of rows.

export const SCOPES = ['projects:read', 'projects:write', 'members:read', 'audit:read'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Key {
  token: string;
  id: string;
}

export interface Tenant {
  organizationId: string;
  projectId: string;
  admin: SignedIn;
  /** A MEMBER without a project role: the user admin operations act on. */
  member: SignedIn;
  memberSessionId: string;
  /** A second session of the admin, for revokeSession (the token in `admin` stays valid). */
  spareSessionId: string;
  /** A key nobody uses, for revokeApiKey. */
  spareKeyId: string;
  /** A pending invitation to a fresh email, and its mailed token. */
  invitationId: string;
  invitationToken: string;
  /** An export of the organization, requested by its admin. */
  exportId: string;
  /** A pending deletion of the organization's data about the member, requested by the admin (due in a week: it never runs here). */
  deletionId: string;
  /** A passkey of the admin's (the development relying party: localhost). */
  passkeyId: string;
  /** An audit stream of the organization (disabled: it delivers nowhere), and a second for deleteAuditStream. */
  streamId: string;
  spareStreamId: string;
}

/** A disabled audit stream of the organization, created by its admin. */
async function auditStream(stack: TestStack, token: string, organizationId: string): Promise<string> {
  const created = await stack.graphql<{ createAuditStream: { stream: { id: string } } }>(
    /* GraphQL */ `
      mutation MatrixStream($organizationId: ID!) {
        createAuditStream(organizationId: $organizationId, input: { url: "http://127.0.0.1:9/matrix" }) {
          stream {
            id
          }
        }
      }
    `,
    { organizationId },
    token,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createAuditStream.stream.id;
  const disabled = await stack.graphql(
    /* GraphQL */ `
      mutation MatrixStreamOff($id: ID!) {
        updateAuditStream(id: $id, input: { enabled: false }) {
          id
        }
      }
    `,
    { id },
    token,
  );
  expect(disabled.errors).toBeUndefined();
  return id;
}

export interface World {
  a: Tenant & { participant: SignedIn; editor: SignedIn; keys: Record<Scope | 'all', Key> };
  b: Tenant;
  /** One of the operator's staff (withOperator), and an incident they declared affecting A. */
  operator?: SignedIn;
  incidentId?: string;
}

/** The operator's address: the matrix's stack names it in its STEWARD_OPERATORS. */
export const MATRIX_OPERATOR_EMAIL = uniqueEmail('matrix-operator');

/** The world, with the operator signed in and an incident of theirs affecting A. */
export async function withOperator(stack: TestStack, world: World): Promise<World> {
  const operator = { ...(await operatorSession(stack, MATRIX_OPERATOR_EMAIL)), email: MATRIX_OPERATOR_EMAIL };
  const declared = await stack.graphql<{ declareIncident: { id: string } }>(
    /* GraphQL */ `
      mutation MatrixIncident($organizationId: ID!, $detectedAt: DateTime!) {
        declareIncident(
          input: {
            title: "Matrix"
            description: "The matrix's incident"
            severity: LOW
            detectedAt: $detectedAt
            organizationIds: [$organizationId]
          }
        ) {
          id
        }
      }
    `,
    { organizationId: world.a.organizationId, detectedAt: new Date(Date.now() - 60_000).toISOString() },
    operator.token,
  );
  expect(declared.errors).toBeUndefined();
  return { ...world, operator, incidentId: declared.data!.declareIncident.id };
}

async function sessionIdOf(stack: TestStack, token: string): Promise<string> {
  const result = await stack.graphql<{ me: { sessions: { id: string; current: boolean }[] } }>(
    /* GraphQL */ `
      query Sessions {
        me {
          sessions {
            id
            current
          }
        }
      }
    `,
    {},
    token,
  );
  const session = result.data?.me.sessions.find((s) => s.current);
  if (!session) throw new Error(`no current session: ${JSON.stringify(result.errors)}`);
  return session.id;
}

export async function createKey(stack: TestStack, admin: SignedIn, organizationId: string, scopes: string[]) {
  const result = await stack.graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    CREATE_API_KEY,
    { organizationId, name: `Matrix ${scopes.join(' ')}`, scopes },
    admin.token,
  );
  expect(result.errors).toBeUndefined();
  return { token: result.data!.createApiKey.secret, id: result.data!.createApiKey.apiKey.id };
}

async function requestMemberDeletion(
  stack: TestStack,
  token: string,
  organizationId: string,
  userId: string,
): Promise<string> {
  const result = await stack.graphql<{ requestDeletion: { id: string } }>(
    /* GraphQL */ `
      mutation RequestDeletion($organizationId: ID!, $userId: ID!) {
        requestDeletion(
          subject: { organizationId: $organizationId, userId: $userId }
          reason: "Permission matrix"
        ) {
          id
        }
      }
    `,
    { organizationId, userId },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.requestDeletion.id;
}

async function requestExport(stack: TestStack, token: string, organizationId: string): Promise<string> {
  const result = await stack.graphql<{ requestDataExport: { id: string } }>(
    /* GraphQL */ `
      mutation RequestExport($organizationId: ID!) {
        requestDataExport(subject: { organizationId: $organizationId }) {
          id
        }
      }
    `,
    { organizationId },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.requestDataExport.id;
}

/** Registers a passkey for `token`'s user, answered by a software authenticator on the development origin. */
async function registerPasskey(stack: TestStack, token: string): Promise<string> {
  const started = await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
    /* GraphQL */ `
      mutation StartRegistration {
        startPasskeyRegistration {
          options
        }
      }
    `,
    {},
    token,
  );
  const response = new SoftwareAuthenticator().create(started.data!.startPasskeyRegistration.options, {
    origin: 'http://localhost:4000',
  });
  const result = await stack.graphql<{ completePasskeyRegistration: { id: string } }>(
    /* GraphQL */ `
      mutation CompleteRegistration($response: String!) {
        completePasskeyRegistration(name: "Matrix", response: $response) {
          id
        }
      }
    `,
    { response: JSON.stringify(response) },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.completePasskeyRegistration.id;
}

async function tenant(stack: TestStack, label: string): Promise<Tenant> {
  const { admin, organizationId, projectId } = await organization(stack, label);
  const member = await join(stack, admin.token, { organizationId, role: 'MEMBER' }, `${label}-member`);
  const spare = await stack.signIn(admin.email);
  const invitee = uniqueEmail(`${label}-invitee`);
  const invited = await stack.graphql<{ inviteMember: { id: string } }>(
    INVITE_MEMBER,
    { organizationId, email: invitee, role: 'MEMBER' },
    admin.token,
  );
  expect(invited.errors).toBeUndefined();
  return {
    organizationId,
    projectId,
    admin,
    member,
    memberSessionId: await sessionIdOf(stack, member.token),
    spareSessionId: await sessionIdOf(stack, spare.token),
    spareKeyId: (await createKey(stack, admin, organizationId, ['projects:read'])).id,
    invitationId: invited.data!.inviteMember.id,
    invitationToken: mailedToken(stack, invitee),
    exportId: await requestExport(stack, admin.token, organizationId),
    deletionId: await requestMemberDeletion(stack, admin.token, organizationId, member.userId),
    passkeyId: await registerPasskey(stack, admin.token),
    streamId: await auditStream(stack, admin.token, organizationId),
    spareStreamId: await auditStream(stack, admin.token, organizationId),
  };
}

/** A fresh world: every mutation row gets its own, so what one role did never decides another's answer. */
export async function buildWorld(stack: TestStack, label = 'matrix'): Promise<World> {
  const [a, b] = await Promise.all([tenant(stack, `${label}-a`), tenant(stack, `${label}-b`)]);
  const { organizationId, projectId } = a;
  const participant = await join(
    stack,
    a.admin.token,
    { organizationId, role: 'MEMBER', projectId, projectRole: 'PARTICIPANT' },
    `${label}-participant`,
  );
  const editor = await join(
    stack,
    a.admin.token,
    { organizationId, role: 'MEMBER', projectId, projectRole: 'EDITOR' },
    `${label}-editor`,
  );
  const keys = {} as Record<Scope | 'all', Key>;
  for (const scope of SCOPES) keys[scope] = await createKey(stack, a.admin, organizationId, [scope]);
  keys.all = await createKey(stack, a.admin, organizationId, [...SCOPES]);
  // A key's first use is an audit event of its own (identity.api_key.first_used): spend it here,
  // so that the rows a denial is compared on move only because of the denial.
  for (const key of Object.values(keys)) {
    const used = await stack.graphql('query FirstUse { __typename }', {}, key.token);
    expect(used.errors).toBeUndefined();
  }
  return { a: { ...a, participant, editor, keys }, b };
}

export { signIn };
