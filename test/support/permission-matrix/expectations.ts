import { uniqueEmail } from '../stack.ts';
import type { Scope, World } from './fixture.ts';
import type { Outcome } from './run.ts';

// THE permission matrix: every public operation of the supergraph × who asks → what they get.
// docs/PERMISSIONS.md is rendered from this table (a test fails when the two differ), and
// test/permission-matrix.test.ts fails when the schema has an operation this table lacks.
//
// Outcomes: ALLOWED (data came back), NULL (the field answered null), EMPTY (an empty list or 0),
// or the error code of the answer (FORBIDDEN, NOT_FOUND, UNAUTHENTICATED, BAD_USER_INPUT…).
// Roles, all in organization A with project P unless said otherwise:
//   anonymous    no token
//   participant  MEMBER of A, PARTICIPANT of P
//   editor       MEMBER of A, EDITOR of P
//   admin        ADMIN of A
//   otherAdmin   ADMIN of organization B, asking about A's rows
//   keyWith      an API key of A holding `scope` (every scope when the row names none)
//   keyWithout   an API key of A holding another scope (`audit:read`, or `projects:read` for audit rows)

export const ROLES = [
  'anonymous',
  'participant',
  'editor',
  'admin',
  'otherAdmin',
  'keyWith',
  'keyWithout',
] as const;
export type Role = (typeof ROLES)[number];

export interface OperationRow {
  /** The key scope this operation is about, if any. */
  scope?: Scope;
  /** Arguments, built from the fixtures (ids of A, P, a member of A…). */
  args: (w: World) => Record<string, unknown>;
  /** A selection set instead of the return type's leaf fields. */
  selection?: string;
  expect: Record<Role, Outcome>;
  /**
   * Cross-tenant sweep: what the admin of A gets when one ID argument (a dotted path) is B's.
   * Paths not listed must answer NOT_FOUND. `id` arguments say which of B's rows they name.
   */
  crossTenant?: {
    /** B's id for an argument path the sweep cannot name by itself (`id`, filters). */
    ids?: Record<string, (b: World['b']) => string>;
    /** The documented answer, for paths that do not answer NOT_FOUND. */
    answers?: Record<string, Outcome>;
    /** Arguments to start from for a path, instead of the row's. */
    base?: Record<string, (w: World) => Record<string, unknown>>;
    /** A selection that shows the answer is empty (the row's may hide it). */
    selection?: string;
  };
  /** Allowed, the operation makes the caller a member of A: its answer may name A. */
  joins?: boolean;
  /**
   * Why a FORBIDDEN answer of this operation writes no `permission.denied` event yet.
   * TODO(denial-audit-events): the audit subgraph has no outbox, so the runtime records no denial of
   * audit's own fields; drop this when it does.
   */
  denialNotAudited?: string;
  /** Why a row looks the way it does, when the table alone would surprise a reader. */
  note?: string;
  /**
   * What one of the SaaS operator's staff gets (STEWARD_OPERATORS; a member of no organization).
   * Rows without it are not asked as an operator: there an operator is a signed-in user like any.
   */
  operator?: Outcome;
}

const row = (
  anonymous: Outcome,
  participant: Outcome,
  editor: Outcome,
  admin: Outcome,
  otherAdmin: Outcome,
  keyWith: Outcome,
  keyWithout: Outcome,
): Record<Role, Outcome> => ({ anonymous, participant, editor, admin, otherAdmin, keyWith, keyWithout });

const A = 'ALLOWED';
const F = 'FORBIDDEN';
const N = 'NOT_FOUND';
const U = 'UNAUTHENTICATED';
const NULL = 'NULL';
const EMPTY = 'EMPTY';
const BAD = 'BAD_USER_INPUT';

const AUDIT_HAS_NO_OUTBOX = 'the audit subgraph has no outbox: its denials are not recorded yet';

const PASSWORD = 'a long and unguessable phrase 42!';

export const OPERATIONS: Record<string, OperationRow> = {
  // ── identity ──────────────────────────────────────────────────────────────────────────────
  me: { args: () => ({}), expect: row(NULL, A, A, A, A, NULL, NULL) },
  oidcProviders: { args: () => ({}), expect: row(EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY) },
  memberSignInAttempts: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId }),
    selection: '{ __typename }',
    expect: row(U, F, F, A, N, U, U),
  },
  apiKeys: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(N, F, F, A, N, N, N),
    operator: N,
  },
  requestSignInCode: {
    args: () => ({ email: uniqueEmail('matrix-code') }),
    expect: row(A, A, A, A, A, A, A),
    note:
      'answers true to everyone, known address or not; mails at most the hourly allowance per ' +
      'address, none within the resend window of a live code (README, Security model)',
  },
  signInWithCode: {
    args: () => ({ email: uniqueEmail('matrix-code'), code: '000000' }),
    expect: row(U, U, U, U, U, U, U),
  },
  signInWithPassword: {
    args: () => ({ email: uniqueEmail('matrix-password'), password: PASSWORD }),
    expect: row(U, U, U, U, U, U, U),
  },
  setPassword: {
    args: () => ({ newPassword: PASSWORD }),
    expect: row(U, A, A, A, A, U, U),
    note:
      "a first password, by the callers' fresh sessions; with a session signed in longer ago than " +
      'the re-authentication window, FORBIDDEN (`reason: REAUTHENTICATION_REQUIRED`); changing one ' +
      'takes the current one; a person with a second factor needs a step-up besides (FORBIDDEN, ' +
      "`reason: STEP_UP_REQUIRED`). Ends the user's other sessions",
  },
  memberSessions: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId }),
    expect: row(N, F, F, A, N, N, N),
    note: "a member of the organization's sessions; someone who is not its member is NOT_FOUND",
  },
  organizationSignInAttempts: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(N, F, F, A, N, N, N),
    note: "its members' attempts only, filtered (member, outcome, method, IP, time range), cursor pages",
  },
  revokeMemberSession: {
    args: (w) => ({ organizationId: w.a.organizationId, sessionId: w.a.spareSessionId }),
    expect: row(N, F, F, A, N, N, N),
    note:
      "a session of one of the organization's members (here the admin's spare one); that device is " +
      'refused from its next request, the other sessions go on',
    crossTenant: { ids: { sessionId: (b) => b.spareSessionId } },
  },
  unlockMember: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId }),
    expect: row(N, F, F, A, N, N, N),
  },
  signInPolicy: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(N, F, F, A, N, N, N),
  },
  setSignInPolicy: {
    args: (w) => ({ organizationId: w.a.organizationId, policy: { secondFactor: 'NONE' } }),
    selection: '{ organizationId secondFactor }',
    expect: row(N, F, F, A, N, N, N),
    note:
      "needs a step-up, and a policy that admits the admin's own session (CONFLICT, `reason: POLICY_EXCLUDES_YOU`); " +
      'enforced by the gateway on every operation touching the organization (FORBIDDEN, `reason: ' +
      'SECOND_FACTOR_REQUIRED` or `SIGN_IN_METHOD_NOT_ALLOWED`, `organizationId`)',
  },
  startTotpEnrolment: {
    args: () => ({}),
    expect: row(U, A, A, A, A, U, U),
    note:
      "the caller's own account only; a new unconfirmed secret replaces an unconfirmed one; needs a " +
      'step-up (FORBIDDEN, `reason: STEP_UP_REQUIRED`): a new factor is one to step up with',
  },
  confirmTotpEnrolment: {
    args: () => ({ code: 'abc' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: 'a wrong code is a try under the brute-force limits (UNAUTHENTICATED, `reason: INVALID_CODE`)',
  },
  removeTotp: {
    args: () => ({}),
    expect: row(U, N, N, N, N, U, U),
    note:
      "the caller's own app; needs a step-up (FORBIDDEN, `reason: STEP_UP_REQUIRED`, `factors`); " +
      'NOT_FOUND without a confirmed app',
  },
  regenerateRecoveryCodes: {
    args: () => ({}),
    expect: row(U, 'CONFLICT', 'CONFLICT', A, A, U, U),
    note: 'needs a step-up and a second factor (CONFLICT, `reason: NO_SECOND_FACTOR`, without one); the fixtures’ admins have a passkey',
  },
  completeSignInWithTotp: {
    args: () => ({ challenge: 'no-such-challenge', code: '000000' }),
    expect: row(U, U, U, U, U, U, U),
    note:
      'the client a challenge was handed to (`reason: CHALLENGE_EXPIRED` otherwise, and from any other ' +
      'client), behind the brute-force limits',
  },
  completeSignInWithRecoveryCode: {
    args: () => ({ challenge: 'no-such-challenge', code: 'AAAAA-AAAAA' }),
    expect: row(U, U, U, U, U, U, U),
  },
  startSignInChallengePasskey: {
    args: () => ({ challenge: 'no-such-challenge' }),
    expect: row(U, U, U, U, U, U, U),
    note: 'anyone holding a challenge (`reason: CHALLENGE_EXPIRED` otherwise)',
  },
  completeSignInWithPasskey: {
    args: () => ({
      challenge: 'no-such-challenge',
      ceremonyId: '00000000-0000-4000-8000-000000000000',
      response: '{}',
    }),
    expect: row(U, U, U, U, U, U, U),
    note: 'anyone holding a challenge, behind the brute-force limits',
    crossTenant: { ids: { ceremonyId: (b) => b.member.userId }, answers: { ceremonyId: U } },
  },
  startPasskeyStepUp: {
    args: () => ({}),
    selection: '{ ceremonyId }',
    expect: row(U, A, A, A, A, U, U),
    note: "a ceremony for the caller's own passkeys",
  },
  stepUpWithPasskey: {
    args: () => ({ ceremonyId: '00000000-0000-4000-8000-000000000000', response: 'not json' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: "refreshes the caller's own session; the answer is checked before anything else",
    crossTenant: { ids: { ceremonyId: (b) => b.member.userId }, answers: { ceremonyId: BAD } },
  },
  stepUpWithTotp: {
    args: () => ({ code: 'abc' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: "refreshes the caller's own session; FORBIDDEN (`reason: STEP_UP_METHOD_NOT_ALLOWED`) without an app",
  },
  stepUpWithRecoveryCode: {
    args: () => ({ code: 'x' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
  },
  stepUpWithPassword: {
    args: () => ({ password: '' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: 'only for accounts without a second factor',
  },
  stepUpWithEmailCode: {
    args: () => ({ code: 'abc' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: 'a code mailed to the account by requestSignInCode; only for accounts without a second factor',
  },
  startOidcSignIn: {
    args: () => ({ provider: 'nowhere', redirectUri: 'http://localhost/callback' }),
    expect: row(BAD, BAD, BAD, BAD, BAD, BAD, BAD),
  },
  completeOidcSignIn: {
    args: () => ({ provider: 'nowhere', callbackUrl: 'http://localhost/callback?code=x&state=y' }),
    expect: row(BAD, BAD, BAD, BAD, BAD, BAD, BAD),
  },
  organizationSso: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(N, F, F, NULL, N, N, N),
    note: 'null for the admin: A has no single sign-on set up',
  },
  setOrganizationSso: {
    args: (w) => ({
      organizationId: w.a.organizationId,
      issuer: 'https://idp.example.com',
      clientId: 'matrix',
    }),
    expect: row(N, F, F, A, N, N, N),
    note: 'a partner key never manages how people sign in',
  },
  removeOrganizationSso: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(N, F, F, A, N, N, N),
  },
  addOrganizationSsoDomain: {
    args: (w) => ({ organizationId: w.a.organizationId, domain: 'matrix.example.com' }),
    expect: row(N, F, F, N, N, N, N),
    note: 'NOT_FOUND for the admin too: A has no single sign-on to add a domain to',
  },
  verifyOrganizationSsoDomain: {
    args: (w) => ({ organizationId: w.a.organizationId, domain: 'matrix.example.com' }),
    expect: row(N, F, F, N, N, N, N),
    note: 'NOT_FOUND for the admin too: A has no such domain',
  },
  removeOrganizationSsoDomain: {
    args: (w) => ({ organizationId: w.a.organizationId, domain: 'matrix.example.com' }),
    expect: row(N, F, F, A, N, N, N),
  },
  startSsoSignIn: {
    args: () => ({ email: 'ada@nowhere.example', redirectUri: 'http://localhost/callback' }),
    expect: row(BAD, BAD, BAD, BAD, BAD, BAD, BAD),
    note: 'open to anyone: no organization signs in that address',
  },
  completeSsoSignIn: {
    args: (w) => ({
      organizationId: w.a.organizationId,
      callbackUrl: 'http://localhost/callback?code=x&state=y',
    }),
    expect: row(U, U, U, U, U, U, U),
    note: 'open to anyone: the flow (state, PKCE, the provider, the domain) is the check',
    crossTenant: { answers: { organizationId: U } },
  },
  signOut: { args: () => ({}), expect: row(U, A, A, A, A, U, U) },
  startPasskeyRegistration: {
    args: () => ({}),
    expect: row(U, A, A, A, A, U, U),
    note:
      'any signed-in user, for their own account; the challenge is bound to them; needs a step-up ' +
      '(FORBIDDEN, `reason: STEP_UP_REQUIRED`): a passkey signs in and steps up',
  },
  completePasskeyRegistration: {
    args: () => ({ name: 'Matrix', response: '{}' }),
    expect: row(U, BAD, BAD, BAD, BAD, U, U),
    note: 'with a real answer, the passkey of the caller whose challenge it answers (identity-passkeys.test.ts)',
  },
  renamePasskey: {
    args: (w) => ({ id: w.a.passkeyId, name: 'Renamed' }),
    expect: row(U, N, N, A, N, U, U),
    note: "the target is a passkey of A's admin: only its own user may see or change it",
    crossTenant: { ids: { id: (b) => b.passkeyId } },
  },
  removePasskey: {
    args: (w) => ({ id: w.a.passkeyId }),
    expect: row(U, N, N, A, N, U, U),
    note:
      "the target is a passkey of A's admin: only its own user may remove it, with a sign-in " +
      'within the re-authentication window (else FORBIDDEN, `reason: REAUTHENTICATION_REQUIRED`)',
    crossTenant: { ids: { id: (b) => b.passkeyId } },
  },
  startPasskeySignIn: {
    args: () => ({}),
    expect: row(A, A, A, A, A, A, A),
    note: 'a challenge for anyone; it lists no passkey, so it tells nothing about an account',
  },
  signInWithPasskey: {
    args: () => ({ ceremonyId: '00000000-0000-4000-8000-000000000000', response: '{}' }),
    expect: row(BAD, BAD, BAD, BAD, BAD, BAD, BAD),
    // A ceremony belongs to no tenant: any id stands for one, and the malformed answer is refused first.
    crossTenant: { ids: { ceremonyId: (b) => b.organizationId }, answers: { ceremonyId: BAD } },
  },
  revokeSession: {
    args: (w) => ({ id: w.a.spareSessionId }),
    expect: row(U, N, N, A, N, U, U),
    note: "the target is another session of A's admin: only its own user may end it",
    crossTenant: { ids: { id: (b) => b.spareSessionId } },
  },
  revokeUserSessions: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId }),
    expect: row(U, F, F, A, N, U, U),
  },
  createApiKey: {
    args: (w) => ({ organizationId: w.a.organizationId, name: 'Matrix key', scopes: ['projects:read'] }),
    expect: row(N, F, F, A, N, N, N),
    note: 'needs a step-up: a session authenticated longer ago than the window gets FORBIDDEN (`reason: STEP_UP_REQUIRED`)',
  },
  revokeApiKey: {
    args: (w) => ({ id: w.a.spareKeyId }),
    expect: row(F, F, F, A, N, F, F),
    note: "members of A learn nothing new (the key is their organization's); B's admin gets NOT_FOUND",
    crossTenant: { ids: { id: (b) => b.spareKeyId } },
  },
  devSignIn: { args: () => ({ email: uniqueEmail('matrix-dev') }), expect: row(A, A, A, A, A, A, A) },
  grantOperator: {
    args: (w) => ({ email: w.a.member.email }),
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    note: 'the operator role, to a user who signed in once; recorded in the system audit chain',
  },
  revokeOperator: {
    args: (w) => ({ email: w.a.member.email }),
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    note: 'a granted role only: one named in STEWARD_OPERATORS is CONFLICT (`reason: CONFIGURED_OPERATOR`)',
  },

  // ── tenancy ───────────────────────────────────────────────────────────────────────────────
  organizations: { scope: 'projects:read', args: () => ({}), expect: row(F, A, A, A, A, A, F) },
  organization: {
    scope: 'projects:read',
    args: (w) => ({ id: w.a.organizationId }),
    expect: row(F, A, A, A, NULL, A, F),
    crossTenant: { ids: { id: (b) => b.organizationId }, answers: { id: NULL } },
  },
  project: {
    scope: 'projects:read',
    args: (w) => ({ id: w.a.projectId }),
    expect: row(F, A, A, A, NULL, A, F),
    crossTenant: { ids: { id: (b) => b.projectId }, answers: { id: NULL } },
  },
  createOrganization: { args: () => ({ name: 'Matrix organization' }), expect: row(F, A, A, A, A, F, F) },
  createProject: {
    scope: 'projects:write',
    args: (w) => ({ organizationId: w.a.organizationId, name: 'Matrix project' }),
    expect: row(N, F, F, A, N, A, F),
  },
  inviteMember: {
    args: (w) => ({
      organizationId: w.a.organizationId,
      email: uniqueEmail('matrix-invitee'),
      role: 'MEMBER',
      projectId: w.a.projectId,
      projectRole: 'PARTICIPANT',
    }),
    expect: row(N, F, F, A, N, F, F),
    note: 'ALLOWED within the hourly limits per organization and per inviter; beyond, RATE_LIMITED',
  },
  acceptInvitation: {
    args: (w) => ({ token: w.a.invitationToken }),
    expect: row(U, F, F, F, F, U, U),
    note:
      'only the account whose email is the invited address joins, once (the address compared as ' +
      'sign-in compares it): the fixture invites an address none of these callers has, so every ' +
      'signed-in holder of the token is FORBIDDEN (`reason: INVITED_ANOTHER_ADDRESS`) and nothing ' +
      'changes; a used, replaced or expired invitation is BAD_USER_INPUT',
  },
  changeMemberRole: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId, role: 'MEMBER' }),
    expect: row(N, F, F, A, N, F, F),
  },
  setProjectRole: {
    args: (w) => ({ projectId: w.a.projectId, userId: w.a.member.userId, role: 'PARTICIPANT' }),
    expect: row(N, F, A, A, N, F, N),
    crossTenant: { answers: { userId: BAD } },
    note:
      'a key that sees the project (projects:read/write) is FORBIDDEN; one that does not, NOT_FOUND. ' +
      "A user outside the organization (B's member, or no one) is BAD_USER_INPUT, the same for any id",
  },
  removeMember: {
    args: (w) => ({ organizationId: w.a.organizationId, userId: w.a.member.userId }),
    expect: row(N, F, F, A, N, F, F),
  },
  endContract: {
    args: (w) => ({ organizationId: w.a.organizationId, endsAt: '2027-06-30T00:00:00.000Z' }),
    expect: row(N, F, F, A, N, F, F),
  },

  // ── audit ─────────────────────────────────────────────────────────────────────────────────
  auditEvents: {
    scope: 'audit:read',
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename }',
    expect: row(U, F, F, A, N, A, F),
    operator: N,
    crossTenant: {
      ids: { 'filter.actorId': (b) => b.admin.userId, 'filter.targetId': (b) => b.organizationId },
      answers: { 'filter.actorId': EMPTY, 'filter.targetId': EMPTY },
      selection: '{ edges { node { id action } } }',
    },
    note: "filtered by B's actor or target, A's log answers nothing",
  },
  auditChain: {
    scope: 'audit:read',
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename valid }',
    expect: row(U, F, F, A, N, A, F),
    operator: N,
  },
  auditChainVerifications: {
    scope: 'audit:read',
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename id }',
    expect: row(U, F, F, EMPTY, N, EMPTY, F),
    operator: N,
    note: "the organization's full chain verifications (jobs) and their results: none requested in A, an empty list",
  },
  requestAuditChainVerification: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename id status }',
    expect: row(U, F, F, A, N, F, F),
    operator: N,
    note: 'queues a full re-hash of the chain as a job: its ADMINs, sessions only (no API key)',
  },
  systemAuditEvents: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: () => ({ first: 1 }),
    selection: '{ __typename }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
  },
  systemAuditChain: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: () => ({}),
    selection: '{ __typename valid }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
  },
  operatorIncidents: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: () => ({ first: 5 }),
    selection: '{ __typename id }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
  },
  incident: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ id: w.incidentId ?? w.a.organizationId }),
    selection: '{ __typename id }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    crossTenant: { ids: { id: (b) => b.organizationId }, answers: { id: F } },
  },
  incidents: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename id }',
    expect: row(U, F, F, A, N, F, F),
    operator: N,
    note: 'the incidents affecting the organization, for its ADMINs; an operator reads them with `incident(id)`',
  },
  auditStreams: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId }),
    selection: '{ __typename id }',
    expect: row(U, F, F, A, N, F, F),
    operator: N,
    note: "the organization's audit streams and their delivery status, for its ADMINs (sessions only: no API key)",
  },
  createAuditStream: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ organizationId: w.a.organizationId, input: { url: 'http://127.0.0.1:9/matrix' } }),
    selection: '{ __typename secret }',
    expect: row(U, F, F, A, N, F, F),
    operator: N,
  },
  updateAuditStream: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ id: w.a.streamId, input: { enabled: false } }),
    selection: '{ __typename id }',
    expect: row(U, F, F, A, N, F, F),
    operator: N,
    crossTenant: { ids: { id: (b) => b.streamId } },
  },
  deleteAuditStream: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ id: w.a.spareStreamId }),
    expect: row(U, F, F, A, N, F, F),
    operator: N,
    crossTenant: { ids: { id: (b) => b.spareStreamId } },
  },
  declareIncident: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({
      input: {
        title: 'Matrix incident',
        description: 'Declared by the permission matrix',
        severity: 'LOW',
        detectedAt: new Date(Date.now() - 60_000).toISOString(),
        organizationIds: [w.a.organizationId],
      },
    }),
    selection: '{ __typename id }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    crossTenant: {
      ids: { 'input.organizationIds': (b) => b.organizationId },
      answers: { 'input.organizationIds': F },
    },
  },
  updateIncident: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({
      id: w.incidentId ?? w.a.organizationId,
      input: { status: 'MONITORING', message: 'Matrix' },
    }),
    selection: '{ __typename id }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    crossTenant: { ids: { id: (b) => b.organizationId }, answers: { id: F } },
  },
  closeIncident: {
    denialNotAudited: AUDIT_HAS_NO_OUTBOX,
    args: (w) => ({ id: w.incidentId ?? w.a.organizationId, message: 'Matrix' }),
    selection: '{ __typename id }',
    expect: row(U, F, F, F, F, F, F),
    operator: A,
    crossTenant: { ids: { id: (b) => b.organizationId }, answers: { id: F } },
  },

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────
  dataMap: { args: () => ({}), selection: '{ __typename }', expect: row(F, A, A, A, A, A, A) },
  dataExport: {
    args: (w) => ({ id: w.a.exportId }),
    expect: row(U, NULL, NULL, A, NULL, U, U),
    crossTenant: { ids: { id: (b) => b.exportId }, answers: { id: NULL } },
    note: "the export of A requested by A's admin: A's current admins see it (an admin no longer ADMIN of A does not, nor may use a link they were given)",
  },
  requestDataExport: {
    args: (w) => ({ subject: { organizationId: w.a.organizationId } }),
    selection: '{ __typename id status }',
    expect: row(U, N, N, A, N, U, U),
    crossTenant: {
      base: {
        'subject.userId': (w) => ({
          subject: { organizationId: w.a.organizationId, userId: w.a.member.userId },
        }),
      },
    },
  },
  deletionRequest: {
    args: (w) => ({ id: w.a.deletionId }),
    selection: '{ __typename id status }',
    expect: row(U, NULL, NULL, A, NULL, U, U),
    crossTenant: { ids: { id: (b) => b.deletionId }, answers: { id: NULL } },
    note: "a deletion of A's data about a member, requested by A's admin: A's current admins and the member see it",
  },
  deletionRequests: {
    args: () => ({}),
    selection: '{ __typename id status }',
    expect: row(U, EMPTY, EMPTY, A, A, U, U),
    note: "each admin lists their own organization's deletion (A's, B's); members neither requesting nor deleted list none",
  },
  backups: {
    args: () => ({ first: 5 }),
    selection: '{ __typename id status sha256 expiresAt }',
    expect: row(U, F, F, F, F, F, F),
    operator: EMPTY,
    note: "the deployment's backups (size, SHA-256, expiry), for operators only (none taken in the matrix's database); the read is a system audit event",
  },
  restoreDrills: {
    args: () => ({ first: 5 }),
    selection: '{ __typename id rtoSeconds rpoSeconds passed }',
    expect: row(U, F, F, F, F, F, F),
    operator: EMPTY,
    note: 'the restore drills with their measured RTO and RPO, for operators only (none run in the matrix)',
  },
  verifyDestructionCertificate: {
    args: () => ({ document: '{}', signature: 'AAAA' }),
    expect: row(F, A, A, A, A, A, A),
    note: 'anyone signed in may check a certificate (it answers valid: false here)',
  },
  requestDeletion: {
    args: (w) => ({ subject: { organizationId: w.a.organizationId }, reason: 'Permission matrix' }),
    selection: '{ __typename id status }',
    expect: row(U, N, N, A, N, U, U),
    crossTenant: {
      base: {
        'subject.userId': (w) => ({
          subject: { organizationId: w.a.organizationId, userId: w.a.member.userId },
          reason: 'Matrix',
        }),
      },
    },
  },
  deletionReceipt: {
    args: () => ({ receipt: 'not-a-receipt' }),
    selection: '{ __typename id status }',
    expect: row(NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    note: 'no sign-in needed: a genuine receipt (shown only to the person whose account a deletion removes) reads that deletion and its certificate; anything else answers null',
  },
  cancelDeletion: {
    args: (w) => ({ id: w.a.deletionId }),
    selection: '{ __typename id status }',
    expect: row(U, N, N, A, N, U, U),
    crossTenant: { ids: { id: (b) => b.deletionId } },
  },
  retryDeletion: {
    args: (w) => ({ id: w.a.deletionId }),
    selection: '{ __typename id status }',
    expect: row(U, N, N, 'CONFLICT', N, U, U),
    crossTenant: { ids: { id: (b) => b.deletionId } },
    note: "the admin reaches it; the fixture's deletion is pending, and only a FAILED one is run again",
  },
  setLegalHold: {
    args: (w) => ({ organizationId: w.a.organizationId, hold: true, reason: 'Matrix' }),
    selection: '{ __typename id }',
    expect: row(U, N, N, A, N, U, U),
  },
  retentionPolicy: {
    args: (w) => ({ organizationId: w.a.organizationId }),
    expect: row(U, F, F, A, N, U, U),
  },
  setRetentionPolicy: {
    args: (w) => ({
      organizationId: w.a.organizationId,
      rules: [{ category: 'SESSIONS', keepFor: 'P7D' }],
    }),
    expect: row(U, F, F, A, N, U, U),
  },
};

/** The key a role asks with, for a row. */
export const keyScopeOf = (row: OperationRow, role: 'keyWith' | 'keyWithout'): Scope | 'all' => {
  if (role === 'keyWith') return row.scope ?? 'all';
  return row.scope === 'audit:read' ? 'projects:read' : 'audit:read';
};

/** Denials: the answers that must leave every row as it was. */
export const DENIED: ReadonlySet<Outcome> = new Set([F, N, U]);
export { BAD };
