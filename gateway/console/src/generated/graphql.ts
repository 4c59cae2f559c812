/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditActorType =
  | 'API_KEY'
  | 'SYSTEM'
  | 'USER';

/** Why an audit chain fails verification. */
export type AuditChainBreak =
  /** The latest checkpoint's signature does not verify with any known key. */
  | 'CHECKPOINT_SIGNATURE'
  /** A sequence is missing (or out of order): an event was removed from the middle. */
  | 'EVENT_MISSING'
  /** An event's hash does not match its content: the event was changed. */
  | 'HASH_MISMATCH'
  /** The newest event is not the recorded head (another hash, or no head recorded at all). */
  | 'HEAD_MISMATCH'
  /** An event's previous hash is not the hash of the event before it. */
  | 'LINK_BROKEN'
  /** The chain ends before its recorded head: newest events were removed. */
  | 'TAIL_MISSING';

/** All conditions must hold. `from` is inclusive, `to` exclusive. */
export type AuditEventFilter = {
  /** Events whose action starts with this text, e.g. `session.` (matched literally, no wildcards). */
  actionPrefix?: string | null | undefined;
  actorId?: string | number | null | undefined;
  from?: string | null | undefined;
  outcome?: AuditOutcome | null | undefined;
  targetId?: string | number | null | undefined;
  targetType?: string | null | undefined;
  to?: string | null | undefined;
};

export type AuditOutcome =
  | 'DENIED'
  | 'FAILURE'
  | 'SUCCESS';

export type DeletionOrigin =
  /** The organization's contract ended. */
  | 'CONTRACT_END'
  /** Someone asked for it. */
  | 'REQUEST';

export type DeletionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  /** Held by a legal hold on the organization: runs once the hold is lifted. */
  | 'ON_HOLD'
  /** Scheduled; may be cancelled until `scheduledFor`. */
  | 'PENDING'
  | 'RUNNING';

export type DeviceType =
  | 'BOT'
  | 'DESKTOP'
  | 'MOBILE'
  | 'TABLET'
  | 'UNKNOWN';

export type JobStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type OrganizationRole =
  | 'ADMIN'
  | 'MEMBER';

export type OrganizationStatus =
  | 'ACTIVE'
  | 'CONTRACT_ENDED'
  | 'DELETION_SCHEDULED';

export type ProjectRole =
  | 'EDITOR'
  | 'PARTICIPANT';

/**
 * What a retention rule governs. Durations are ISO-8601 with designators and whole numbers (P30D,
 * P12M, P1Y, PT36H); compared with a minimum or P10Y, a year counts 365 days and a month 30.
 */
export type RetentionCategory =
  /** The organization's audit events, in whole months (rounded up). Default and minimum P12M. */
  | 'AUDIT_EVENTS'
  /**
   * The organization's data exports and their archives, counted from completion (or the request, if
   * it failed). Default P30D, at least P1D.
   */
  | 'EXPORTS'
  /**
   * Ended sessions (revoked, expired or idle) of the organization's members, counted from their end;
   * a live session is never deleted. Default P90D, at least P1D. Shortest period among a member's
   * organizations.
   */
  | 'SESSIONS'
  /**
   * Sign-in attempts of the organization's members, counted from the attempt. Default P1Y, at least
   * P30D. A member of several organizations: the shortest period among them applies.
   */
  | 'SIGN_IN_ATTEMPTS';

export type RetentionRuleInput = {
  category: RetentionCategory;
  /** ISO-8601 duration, from the category's minimum to P10Y. */
  keepFor: string;
};

/** Who in an organization must give a second factor. */
export type SecondFactorRequirement =
  | 'ADMINS'
  | 'EVERYONE'
  | 'NONE';

export type SignInMethod =
  | 'DEVELOPMENT'
  | 'EMAIL_CODE'
  | 'OIDC'
  | 'PASSKEY'
  | 'PASSWORD'
  /** A recovery code (second factor). */
  | 'RECOVERY_CODE'
  /** Through the organization's own provider (single sign-on). */
  | 'SSO'
  /** An authenticator app's code (second factor). */
  | 'TOTP';

export type SignInOutcome =
  | 'FAILURE'
  | 'LOCKED'
  | 'SUCCESS';

export type SignInPolicyInput = {
  /** The first factors members may sign in with; null or absent: any. */
  allowedMethods?: Array<SignInMethod> | null | undefined;
  secondFactor: SecondFactorRequirement;
};

/**
 * Whose data. `organizationId` alone: the organization's. `userId` alone: the person's account, in
 * every organization (only that person may ask). Both: the organization's data about one of its
 * members, and nothing else of theirs (the organization's admins may ask).
 */
export type SubjectInput = {
  organizationId?: string | number | null | undefined;
  userId?: string | number | null | undefined;
};

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, email: string, displayName: string | null, hasPassword: boolean, memberships: Array<{ role: OrganizationRole, createdAt: string, organization: { id: string, name: string, region: string, status: OrganizationStatus } }> } | null };

export type ConsoleRequestSignInCodeMutationVariables = Exact<{
  email: string;
}>;


export type ConsoleRequestSignInCodeMutation = { requestSignInCode: boolean };

export type ConsoleSignInWithCodeMutationVariables = Exact<{
  email: string;
  code: string;
}>;


export type ConsoleSignInWithCodeMutation = { signInWithCode: { token: string } };

export type ConsoleSignInWithPasswordMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type ConsoleSignInWithPasswordMutation = { signInWithPassword: { token: string } };

export type ConsoleStartSsoSignInMutationVariables = Exact<{
  email: string;
  redirectUri: string;
}>;


export type ConsoleStartSsoSignInMutation = { startSsoSignIn: { authorizationUrl: string, organizationId: string } };

export type ConsoleCompleteSsoSignInMutationVariables = Exact<{
  organizationId: string | number;
  callbackUrl: string;
}>;


export type ConsoleCompleteSsoSignInMutation = { completeSsoSignIn: { token: string } };

export type ConsoleSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSignOutMutation = { signOut: boolean };

export type ConsoleCreateOrganizationMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleCreateOrganizationMutation = { createOrganization: { id: string } };

export type ConsoleAcceptInvitationMutationVariables = Exact<{
  token: string;
}>;


export type ConsoleAcceptInvitationMutation = { acceptInvitation: { organization: { id: string, name: string } } };

export type ConsoleOrganizationMembersQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleOrganizationMembersQuery = { organization: { id: string, members: Array<{ role: OrganizationRole, createdAt: string, user: { id: string, email: string, displayName: string | null } }> } | null };

export type ConsoleInviteMemberMutationVariables = Exact<{
  organizationId: string | number;
  email: string;
  role: OrganizationRole;
  projectId?: string | number | null | undefined;
  projectRole?: ProjectRole | null | undefined;
}>;


export type ConsoleInviteMemberMutation = { inviteMember: { id: string, email: string, role: OrganizationRole, projectRole: ProjectRole | null, expiresAt: string } };

export type ConsoleOrganizationProjectsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleOrganizationProjectsQuery = { organization: { id: string, projects: Array<{ id: string, name: string, viewerRole: ProjectRole | null }> } | null };

export type ConsoleCreateProjectMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
}>;


export type ConsoleCreateProjectMutation = { createProject: { id: string, name: string } };

export type ConsoleProjectQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProjectQuery = { project: { id: string, name: string, viewerRole: ProjectRole | null } | null };

export type ConsoleProjectMembersQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProjectMembersQuery = { project: { id: string, members: Array<{ role: ProjectRole, user: { id: string, email: string } }> } | null };

export type ConsoleSetProjectRoleMutationVariables = Exact<{
  projectId: string | number;
  userId: string | number;
  role?: ProjectRole | null | undefined;
}>;


export type ConsoleSetProjectRoleMutation = { setProjectRole: { role: ProjectRole, user: { email: string } } | null };

export type ConsoleChangeMemberRoleMutationVariables = Exact<{
  organizationId: string | number;
  userId: string | number;
  role: OrganizationRole;
}>;


export type ConsoleChangeMemberRoleMutation = { changeMemberRole: { role: OrganizationRole } };

export type ConsoleRemoveMemberMutationVariables = Exact<{
  organizationId: string | number;
  userId: string | number;
}>;


export type ConsoleRemoveMemberMutation = { removeMember: boolean };

export type ConsoleRevokeUserSessionsMutationVariables = Exact<{
  organizationId: string | number;
  userId: string | number;
}>;


export type ConsoleRevokeUserSessionsMutation = { revokeUserSessions: number };

export type ConsoleMemberSignInAttemptsQueryVariables = Exact<{
  organizationId: string | number;
  userId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleMemberSignInAttemptsQuery = { memberSignInAttempts: { edges: Array<{ node: { id: string, email: string, method: SignInMethod, outcome: SignInOutcome, ip: string | null, userAgent: string | null, deviceType: DeviceType, occurredAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleAuditEventsQueryVariables = Exact<{
  organizationId: string | number;
  filter?: AuditEventFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAuditEventsQuery = { auditEvents: { edges: Array<{ node: { id: string, sequence: number, occurredAt: string, action: string, outcome: AuditOutcome, actor: { type: AuditActorType, id: string | null, ip: string | null, deviceType: string | null }, target: { type: string, id: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleAuditChainQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleAuditChainQuery = { auditChain: { valid: boolean, events: number, brokenAt: number | null, breakReason: AuditChainBreak | null, headSequence: number | null } };

export type ConsoleApiKeysQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleApiKeysQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, scopes: Array<string>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null }> };

export type ConsoleCreateApiKeyMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
  scopes: Array<string> | string;
  expiresAt?: string | null | undefined;
}>;


export type ConsoleCreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, prefix: string } } };

export type ConsoleRevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type ConsoleRequestDataExportMutationVariables = Exact<{
  subject: SubjectInput;
}>;


export type ConsoleRequestDataExportMutation = { requestDataExport: { id: string, status: JobStatus, progress: number } };

export type ConsoleDataExportQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDataExportQuery = { dataExport: { id: string, status: JobStatus, progress: number, requestedAt: string, completedAt: string | null, downloadUrl: string | null, sizeBytes: number | null, sha256: string | null } | null };

export type ConsoleMyAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMyAccountQuery = { me: { id: string, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string, ip: string | null, userAgent: string | null, deviceType: DeviceType, current: boolean, revokedAt: string | null }>, signInAttempts: { edges: Array<{ node: { id: string, method: SignInMethod, outcome: SignInOutcome, ip: string | null, userAgent: string | null, deviceType: DeviceType, occurredAt: string } }> } } | null };

export type ConsoleRevokeSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeSessionMutation = { revokeSession: { id: string, revokedAt: string | null } };

export type ConsoleRequestDeletionMutationVariables = Exact<{
  subject: SubjectInput;
  reason: string;
}>;


export type ConsoleRequestDeletionMutation = { requestDeletion: { id: string, status: DeletionStatus, scheduledFor: string } };

export type ConsoleDeletionRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDeletionRequestsQuery = { deletionRequests: Array<{ id: string, organizationId: string | null, userId: string | null, status: DeletionStatus, origin: DeletionOrigin, reason: string, requestedAt: string, scheduledFor: string, completedAt: string | null, certificate: { id: string, issuedAt: string, document: string, signature: string, keyId: string } | null }> };

export type ConsoleCancelDeletionMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCancelDeletionMutation = { cancelDeletion: { id: string, status: DeletionStatus } };

export type ConsoleOrganizationLifecycleQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleOrganizationLifecycleQuery = { organization: { id: string, status: OrganizationStatus, contractEndsAt: string | null, legalHold: { reason: string | null, since: string } | null } | null };

export type ConsoleSetLegalHoldMutationVariables = Exact<{
  organizationId: string | number;
  hold: boolean;
  reason?: string | null | undefined;
}>;


export type ConsoleSetLegalHoldMutation = { setLegalHold: { id: string, legalHold: { reason: string | null, since: string } | null } };

export type ConsoleEndContractMutationVariables = Exact<{
  organizationId: string | number;
  endsAt: string;
}>;


export type ConsoleEndContractMutation = { endContract: { id: string, status: OrganizationStatus, contractEndsAt: string | null } };

export type ConsoleRetentionPolicyQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleRetentionPolicyQuery = { retentionPolicy: Array<{ category: RetentionCategory, keepFor: string, isDefault: boolean, minimum: string, updatedAt: string | null }> };

export type ConsoleSetRetentionPolicyMutationVariables = Exact<{
  organizationId: string | number;
  rules: Array<RetentionRuleInput> | RetentionRuleInput;
}>;


export type ConsoleSetRetentionPolicyMutation = { setRetentionPolicy: Array<{ category: RetentionCategory, keepFor: string, isDefault: boolean, minimum: string, updatedAt: string | null }> };

export type ConsoleVerifyCertificateQueryVariables = Exact<{
  document: string;
  signature: string;
}>;


export type ConsoleVerifyCertificateQuery = { verifyDestructionCertificate: { valid: boolean, keyId: string | null, reason: string | null } };

export type ConsoleCompleteSignInWithTotpMutationVariables = Exact<{
  challenge: string;
  code: string;
}>;


export type ConsoleCompleteSignInWithTotpMutation = { completeSignInWithTotp: { token: string } };

export type ConsoleCompleteSignInWithRecoveryCodeMutationVariables = Exact<{
  challenge: string;
  code: string;
}>;


export type ConsoleCompleteSignInWithRecoveryCodeMutation = { completeSignInWithRecoveryCode: { token: string } };

export type ConsoleSecondFactorsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSecondFactorsQuery = { me: { id: string, secondFactors: { totp: boolean, recoveryCodesLeft: number }, passkeys: Array<{ id: string, name: string, createdAt: string, lastUsedAt: string | null, backedUp: boolean }> } | null };

export type ConsoleStartTotpEnrolmentMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleStartTotpEnrolmentMutation = { startTotpEnrolment: { secret: string, uri: string, qrCodeDataUrl: string } };

export type ConsoleConfirmTotpEnrolmentMutationVariables = Exact<{
  code: string;
}>;


export type ConsoleConfirmTotpEnrolmentMutation = { confirmTotpEnrolment: { codes: Array<string> } };

export type ConsoleRemoveTotpMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleRemoveTotpMutation = { removeTotp: boolean };

export type ConsoleRegenerateRecoveryCodesMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleRegenerateRecoveryCodesMutation = { regenerateRecoveryCodes: { codes: Array<string> } };

export type ConsoleRemovePasskeyMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRemovePasskeyMutation = { removePasskey: boolean };

export type ConsoleStepUpWithTotpMutationVariables = Exact<{
  code: string;
}>;


export type ConsoleStepUpWithTotpMutation = { stepUpWithTotp: { id: string } };

export type ConsoleStepUpWithRecoveryCodeMutationVariables = Exact<{
  code: string;
}>;


export type ConsoleStepUpWithRecoveryCodeMutation = { stepUpWithRecoveryCode: { id: string } };

export type ConsoleStepUpWithPasswordMutationVariables = Exact<{
  password: string;
}>;


export type ConsoleStepUpWithPasswordMutation = { stepUpWithPassword: { id: string } };

export type ConsoleStepUpWithEmailCodeMutationVariables = Exact<{
  code: string;
}>;


export type ConsoleStepUpWithEmailCodeMutation = { stepUpWithEmailCode: { id: string } };

export type ConsoleSignInPolicyQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleSignInPolicyQuery = { signInPolicy: { organizationId: string, secondFactor: SecondFactorRequirement, allowedMethods: Array<SignInMethod> | null, updatedAt: string | null } };

export type ConsoleSetSignInPolicyMutationVariables = Exact<{
  organizationId: string | number;
  policy: SignInPolicyInput;
}>;


export type ConsoleSetSignInPolicyMutation = { setSignInPolicy: { organizationId: string, secondFactor: SecondFactorRequirement, allowedMethods: Array<SignInMethod> | null, updatedAt: string | null } };

export type ConsoleStartPasskeyRegistrationMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleStartPasskeyRegistrationMutation = { startPasskeyRegistration: { options: string } };

export type ConsoleCompletePasskeyRegistrationMutationVariables = Exact<{
  name: string;
  response: string;
}>;


export type ConsoleCompletePasskeyRegistrationMutation = { completePasskeyRegistration: { id: string, name: string } };

export type ConsoleStartSignInChallengePasskeyMutationVariables = Exact<{
  challenge: string;
}>;


export type ConsoleStartSignInChallengePasskeyMutation = { startSignInChallengePasskey: { ceremonyId: string, options: string } };

export type ConsoleCompleteSignInWithPasskeyMutationVariables = Exact<{
  challenge: string;
  ceremonyId: string | number;
  response: string;
}>;


export type ConsoleCompleteSignInWithPasskeyMutation = { completeSignInWithPasskey: { token: string } };

export type ConsoleOrganizationSsoQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleOrganizationSsoQuery = { organizationSso: { organizationId: string, issuer: string, clientId: string, hasClientSecret: boolean, updatedAt: string, domains: Array<{ domain: string, verificationRecordName: string, verificationRecordValue: string, verifiedAt: string | null }> } | null };

export type ConsoleSetOrganizationSsoMutationVariables = Exact<{
  organizationId: string | number;
  issuer: string;
  clientId: string;
  clientSecret?: string | null | undefined;
}>;


export type ConsoleSetOrganizationSsoMutation = { setOrganizationSso: { organizationId: string } };

export type ConsoleRemoveOrganizationSsoMutationVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleRemoveOrganizationSsoMutation = { removeOrganizationSso: boolean };

export type ConsoleAddOrganizationSsoDomainMutationVariables = Exact<{
  organizationId: string | number;
  domain: string;
}>;


export type ConsoleAddOrganizationSsoDomainMutation = { addOrganizationSsoDomain: { domain: string } };

export type ConsoleVerifyOrganizationSsoDomainMutationVariables = Exact<{
  organizationId: string | number;
  domain: string;
}>;


export type ConsoleVerifyOrganizationSsoDomainMutation = { verifyOrganizationSsoDomain: { domain: string, verifiedAt: string | null } };

export type ConsoleRemoveOrganizationSsoDomainMutationVariables = Exact<{
  organizationId: string | number;
  domain: string;
}>;


export type ConsoleRemoveOrganizationSsoDomainMutation = { removeOrganizationSsoDomain: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    email
    displayName
    hasPassword
    memberships {
      role
      createdAt
      organization {
        id
        name
        region
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
export const ConsoleRequestSignInCodeDocument = new TypedDocumentString(`
    mutation ConsoleRequestSignInCode($email: String!) {
  requestSignInCode(email: $email)
}
    `) as unknown as TypedDocumentString<ConsoleRequestSignInCodeMutation, ConsoleRequestSignInCodeMutationVariables>;
export const ConsoleSignInWithCodeDocument = new TypedDocumentString(`
    mutation ConsoleSignInWithCode($email: String!, $code: String!) {
  signInWithCode(email: $email, code: $code) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignInWithCodeMutation, ConsoleSignInWithCodeMutationVariables>;
export const ConsoleSignInWithPasswordDocument = new TypedDocumentString(`
    mutation ConsoleSignInWithPassword($email: String!, $password: String!) {
  signInWithPassword(email: $email, password: $password) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignInWithPasswordMutation, ConsoleSignInWithPasswordMutationVariables>;
export const ConsoleStartSsoSignInDocument = new TypedDocumentString(`
    mutation ConsoleStartSsoSignIn($email: String!, $redirectUri: String!) {
  startSsoSignIn(email: $email, redirectUri: $redirectUri) {
    authorizationUrl
    organizationId
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartSsoSignInMutation, ConsoleStartSsoSignInMutationVariables>;
export const ConsoleCompleteSsoSignInDocument = new TypedDocumentString(`
    mutation ConsoleCompleteSsoSignIn($organizationId: ID!, $callbackUrl: String!) {
  completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteSsoSignInMutation, ConsoleCompleteSsoSignInMutationVariables>;
export const ConsoleSignOutDocument = new TypedDocumentString(`
    mutation ConsoleSignOut {
  signOut
}
    `) as unknown as TypedDocumentString<ConsoleSignOutMutation, ConsoleSignOutMutationVariables>;
export const ConsoleCreateOrganizationDocument = new TypedDocumentString(`
    mutation ConsoleCreateOrganization($name: String!) {
  createOrganization(name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateOrganizationMutation, ConsoleCreateOrganizationMutationVariables>;
export const ConsoleAcceptInvitationDocument = new TypedDocumentString(`
    mutation ConsoleAcceptInvitation($token: String!) {
  acceptInvitation(token: $token) {
    organization {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAcceptInvitationMutation, ConsoleAcceptInvitationMutationVariables>;
export const ConsoleOrganizationMembersDocument = new TypedDocumentString(`
    query ConsoleOrganizationMembers($id: ID!) {
  organization(id: $id) {
    id
    members {
      role
      createdAt
      user {
        id
        email
        displayName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationMembersQuery, ConsoleOrganizationMembersQueryVariables>;
export const ConsoleInviteMemberDocument = new TypedDocumentString(`
    mutation ConsoleInviteMember($organizationId: ID!, $email: String!, $role: OrganizationRole!, $projectId: ID, $projectRole: ProjectRole) {
  inviteMember(
    organizationId: $organizationId
    email: $email
    role: $role
    projectId: $projectId
    projectRole: $projectRole
  ) {
    id
    email
    role
    projectRole
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleInviteMemberMutation, ConsoleInviteMemberMutationVariables>;
export const ConsoleOrganizationProjectsDocument = new TypedDocumentString(`
    query ConsoleOrganizationProjects($id: ID!) {
  organization(id: $id) {
    id
    projects {
      id
      name
      viewerRole
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationProjectsQuery, ConsoleOrganizationProjectsQueryVariables>;
export const ConsoleCreateProjectDocument = new TypedDocumentString(`
    mutation ConsoleCreateProject($organizationId: ID!, $name: String!) {
  createProject(organizationId: $organizationId, name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateProjectMutation, ConsoleCreateProjectMutationVariables>;
export const ConsoleProjectDocument = new TypedDocumentString(`
    query ConsoleProject($id: ID!) {
  project(id: $id) {
    id
    name
    viewerRole
  }
}
    `) as unknown as TypedDocumentString<ConsoleProjectQuery, ConsoleProjectQueryVariables>;
export const ConsoleProjectMembersDocument = new TypedDocumentString(`
    query ConsoleProjectMembers($id: ID!) {
  project(id: $id) {
    id
    members {
      role
      user {
        id
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProjectMembersQuery, ConsoleProjectMembersQueryVariables>;
export const ConsoleSetProjectRoleDocument = new TypedDocumentString(`
    mutation ConsoleSetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {
  setProjectRole(projectId: $projectId, userId: $userId, role: $role) {
    role
    user {
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetProjectRoleMutation, ConsoleSetProjectRoleMutationVariables>;
export const ConsoleChangeMemberRoleDocument = new TypedDocumentString(`
    mutation ConsoleChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {
  changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {
    role
  }
}
    `) as unknown as TypedDocumentString<ConsoleChangeMemberRoleMutation, ConsoleChangeMemberRoleMutationVariables>;
export const ConsoleRemoveMemberDocument = new TypedDocumentString(`
    mutation ConsoleRemoveMember($organizationId: ID!, $userId: ID!) {
  removeMember(organizationId: $organizationId, userId: $userId)
}
    `) as unknown as TypedDocumentString<ConsoleRemoveMemberMutation, ConsoleRemoveMemberMutationVariables>;
export const ConsoleRevokeUserSessionsDocument = new TypedDocumentString(`
    mutation ConsoleRevokeUserSessions($organizationId: ID!, $userId: ID!) {
  revokeUserSessions(organizationId: $organizationId, userId: $userId)
}
    `) as unknown as TypedDocumentString<ConsoleRevokeUserSessionsMutation, ConsoleRevokeUserSessionsMutationVariables>;
export const ConsoleMemberSignInAttemptsDocument = new TypedDocumentString(`
    query ConsoleMemberSignInAttempts($organizationId: ID!, $userId: ID!, $after: String) {
  memberSignInAttempts(
    organizationId: $organizationId
    userId: $userId
    first: 25
    after: $after
  ) {
    edges {
      node {
        id
        email
        method
        outcome
        ip
        userAgent
        deviceType
        occurredAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMemberSignInAttemptsQuery, ConsoleMemberSignInAttemptsQueryVariables>;
export const ConsoleAuditEventsDocument = new TypedDocumentString(`
    query ConsoleAuditEvents($organizationId: ID!, $filter: AuditEventFilter, $after: String) {
  auditEvents(
    organizationId: $organizationId
    filter: $filter
    first: 20
    after: $after
  ) {
    edges {
      node {
        id
        sequence
        occurredAt
        action
        outcome
        actor {
          type
          id
          ip
          deviceType
        }
        target {
          type
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditEventsQuery, ConsoleAuditEventsQueryVariables>;
export const ConsoleAuditChainDocument = new TypedDocumentString(`
    query ConsoleAuditChain($organizationId: ID!) {
  auditChain(organizationId: $organizationId) {
    valid
    events
    brokenAt
    breakReason
    headSequence
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditChainQuery, ConsoleAuditChainQueryVariables>;
export const ConsoleApiKeysDocument = new TypedDocumentString(`
    query ConsoleApiKeys($organizationId: ID!) {
  apiKeys(organizationId: $organizationId) {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleApiKeysQuery, ConsoleApiKeysQueryVariables>;
export const ConsoleCreateApiKeyDocument = new TypedDocumentString(`
    mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $scopes: [String!]!, $expiresAt: DateTime) {
  createApiKey(
    organizationId: $organizationId
    name: $name
    scopes: $scopes
    expiresAt: $expiresAt
  ) {
    secret
    apiKey {
      id
      prefix
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateApiKeyMutation, ConsoleCreateApiKeyMutationVariables>;
export const ConsoleRevokeApiKeyDocument = new TypedDocumentString(`
    mutation ConsoleRevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeApiKeyMutation, ConsoleRevokeApiKeyMutationVariables>;
export const ConsoleRequestDataExportDocument = new TypedDocumentString(`
    mutation ConsoleRequestDataExport($subject: SubjectInput!) {
  requestDataExport(subject: $subject) {
    id
    status
    progress
  }
}
    `) as unknown as TypedDocumentString<ConsoleRequestDataExportMutation, ConsoleRequestDataExportMutationVariables>;
export const ConsoleDataExportDocument = new TypedDocumentString(`
    query ConsoleDataExport($id: ID!) {
  dataExport(id: $id) {
    id
    status
    progress
    requestedAt
    completedAt
    downloadUrl
    sizeBytes
    sha256
  }
}
    `) as unknown as TypedDocumentString<ConsoleDataExportQuery, ConsoleDataExportQueryVariables>;
export const ConsoleMyAccountDocument = new TypedDocumentString(`
    query ConsoleMyAccount {
  me {
    id
    sessions {
      id
      createdAt
      lastSeenAt
      ip
      userAgent
      deviceType
      current
      revokedAt
    }
    signInAttempts(first: 25) {
      edges {
        node {
          id
          method
          outcome
          ip
          userAgent
          deviceType
          occurredAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMyAccountQuery, ConsoleMyAccountQueryVariables>;
export const ConsoleRevokeSessionDocument = new TypedDocumentString(`
    mutation ConsoleRevokeSession($id: ID!) {
  revokeSession(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeSessionMutation, ConsoleRevokeSessionMutationVariables>;
export const ConsoleRequestDeletionDocument = new TypedDocumentString(`
    mutation ConsoleRequestDeletion($subject: SubjectInput!, $reason: String!) {
  requestDeletion(subject: $subject, reason: $reason) {
    id
    status
    scheduledFor
  }
}
    `) as unknown as TypedDocumentString<ConsoleRequestDeletionMutation, ConsoleRequestDeletionMutationVariables>;
export const ConsoleDeletionRequestsDocument = new TypedDocumentString(`
    query ConsoleDeletionRequests {
  deletionRequests {
    id
    organizationId
    userId
    status
    origin
    reason
    requestedAt
    scheduledFor
    completedAt
    certificate {
      id
      issuedAt
      document
      signature
      keyId
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeletionRequestsQuery, ConsoleDeletionRequestsQueryVariables>;
export const ConsoleCancelDeletionDocument = new TypedDocumentString(`
    mutation ConsoleCancelDeletion($id: ID!) {
  cancelDeletion(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleCancelDeletionMutation, ConsoleCancelDeletionMutationVariables>;
export const ConsoleOrganizationLifecycleDocument = new TypedDocumentString(`
    query ConsoleOrganizationLifecycle($id: ID!) {
  organization(id: $id) {
    id
    status
    contractEndsAt
    legalHold {
      reason
      since
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationLifecycleQuery, ConsoleOrganizationLifecycleQueryVariables>;
export const ConsoleSetLegalHoldDocument = new TypedDocumentString(`
    mutation ConsoleSetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {
  setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {
    id
    legalHold {
      reason
      since
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetLegalHoldMutation, ConsoleSetLegalHoldMutationVariables>;
export const ConsoleEndContractDocument = new TypedDocumentString(`
    mutation ConsoleEndContract($organizationId: ID!, $endsAt: DateTime!) {
  endContract(organizationId: $organizationId, endsAt: $endsAt) {
    id
    status
    contractEndsAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleEndContractMutation, ConsoleEndContractMutationVariables>;
export const ConsoleRetentionPolicyDocument = new TypedDocumentString(`
    query ConsoleRetentionPolicy($organizationId: ID!) {
  retentionPolicy(organizationId: $organizationId) {
    category
    keepFor
    isDefault
    minimum
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRetentionPolicyQuery, ConsoleRetentionPolicyQueryVariables>;
export const ConsoleSetRetentionPolicyDocument = new TypedDocumentString(`
    mutation ConsoleSetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {
  setRetentionPolicy(organizationId: $organizationId, rules: $rules) {
    category
    keepFor
    isDefault
    minimum
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetRetentionPolicyMutation, ConsoleSetRetentionPolicyMutationVariables>;
export const ConsoleVerifyCertificateDocument = new TypedDocumentString(`
    query ConsoleVerifyCertificate($document: String!, $signature: String!) {
  verifyDestructionCertificate(document: $document, signature: $signature) {
    valid
    keyId
    reason
  }
}
    `) as unknown as TypedDocumentString<ConsoleVerifyCertificateQuery, ConsoleVerifyCertificateQueryVariables>;
export const ConsoleCompleteSignInWithTotpDocument = new TypedDocumentString(`
    mutation ConsoleCompleteSignInWithTotp($challenge: String!, $code: String!) {
  completeSignInWithTotp(challenge: $challenge, code: $code) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteSignInWithTotpMutation, ConsoleCompleteSignInWithTotpMutationVariables>;
export const ConsoleCompleteSignInWithRecoveryCodeDocument = new TypedDocumentString(`
    mutation ConsoleCompleteSignInWithRecoveryCode($challenge: String!, $code: String!) {
  completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteSignInWithRecoveryCodeMutation, ConsoleCompleteSignInWithRecoveryCodeMutationVariables>;
export const ConsoleSecondFactorsDocument = new TypedDocumentString(`
    query ConsoleSecondFactors {
  me {
    id
    secondFactors {
      totp
      recoveryCodesLeft
    }
    passkeys {
      id
      name
      createdAt
      lastUsedAt
      backedUp
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSecondFactorsQuery, ConsoleSecondFactorsQueryVariables>;
export const ConsoleStartTotpEnrolmentDocument = new TypedDocumentString(`
    mutation ConsoleStartTotpEnrolment {
  startTotpEnrolment {
    secret
    uri
    qrCodeDataUrl
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartTotpEnrolmentMutation, ConsoleStartTotpEnrolmentMutationVariables>;
export const ConsoleConfirmTotpEnrolmentDocument = new TypedDocumentString(`
    mutation ConsoleConfirmTotpEnrolment($code: String!) {
  confirmTotpEnrolment(code: $code) {
    codes
  }
}
    `) as unknown as TypedDocumentString<ConsoleConfirmTotpEnrolmentMutation, ConsoleConfirmTotpEnrolmentMutationVariables>;
export const ConsoleRemoveTotpDocument = new TypedDocumentString(`
    mutation ConsoleRemoveTotp {
  removeTotp
}
    `) as unknown as TypedDocumentString<ConsoleRemoveTotpMutation, ConsoleRemoveTotpMutationVariables>;
export const ConsoleRegenerateRecoveryCodesDocument = new TypedDocumentString(`
    mutation ConsoleRegenerateRecoveryCodes {
  regenerateRecoveryCodes {
    codes
  }
}
    `) as unknown as TypedDocumentString<ConsoleRegenerateRecoveryCodesMutation, ConsoleRegenerateRecoveryCodesMutationVariables>;
export const ConsoleRemovePasskeyDocument = new TypedDocumentString(`
    mutation ConsoleRemovePasskey($id: ID!) {
  removePasskey(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleRemovePasskeyMutation, ConsoleRemovePasskeyMutationVariables>;
export const ConsoleStepUpWithTotpDocument = new TypedDocumentString(`
    mutation ConsoleStepUpWithTotp($code: String!) {
  stepUpWithTotp(code: $code) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleStepUpWithTotpMutation, ConsoleStepUpWithTotpMutationVariables>;
export const ConsoleStepUpWithRecoveryCodeDocument = new TypedDocumentString(`
    mutation ConsoleStepUpWithRecoveryCode($code: String!) {
  stepUpWithRecoveryCode(code: $code) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleStepUpWithRecoveryCodeMutation, ConsoleStepUpWithRecoveryCodeMutationVariables>;
export const ConsoleStepUpWithPasswordDocument = new TypedDocumentString(`
    mutation ConsoleStepUpWithPassword($password: String!) {
  stepUpWithPassword(password: $password) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleStepUpWithPasswordMutation, ConsoleStepUpWithPasswordMutationVariables>;
export const ConsoleStepUpWithEmailCodeDocument = new TypedDocumentString(`
    mutation ConsoleStepUpWithEmailCode($code: String!) {
  stepUpWithEmailCode(code: $code) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleStepUpWithEmailCodeMutation, ConsoleStepUpWithEmailCodeMutationVariables>;
export const ConsoleSignInPolicyDocument = new TypedDocumentString(`
    query ConsoleSignInPolicy($organizationId: ID!) {
  signInPolicy(organizationId: $organizationId) {
    organizationId
    secondFactor
    allowedMethods
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignInPolicyQuery, ConsoleSignInPolicyQueryVariables>;
export const ConsoleSetSignInPolicyDocument = new TypedDocumentString(`
    mutation ConsoleSetSignInPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {
  setSignInPolicy(organizationId: $organizationId, policy: $policy) {
    organizationId
    secondFactor
    allowedMethods
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetSignInPolicyMutation, ConsoleSetSignInPolicyMutationVariables>;
export const ConsoleStartPasskeyRegistrationDocument = new TypedDocumentString(`
    mutation ConsoleStartPasskeyRegistration {
  startPasskeyRegistration {
    options
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartPasskeyRegistrationMutation, ConsoleStartPasskeyRegistrationMutationVariables>;
export const ConsoleCompletePasskeyRegistrationDocument = new TypedDocumentString(`
    mutation ConsoleCompletePasskeyRegistration($name: String!, $response: String!) {
  completePasskeyRegistration(name: $name, response: $response) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompletePasskeyRegistrationMutation, ConsoleCompletePasskeyRegistrationMutationVariables>;
export const ConsoleStartSignInChallengePasskeyDocument = new TypedDocumentString(`
    mutation ConsoleStartSignInChallengePasskey($challenge: String!) {
  startSignInChallengePasskey(challenge: $challenge) {
    ceremonyId
    options
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartSignInChallengePasskeyMutation, ConsoleStartSignInChallengePasskeyMutationVariables>;
export const ConsoleCompleteSignInWithPasskeyDocument = new TypedDocumentString(`
    mutation ConsoleCompleteSignInWithPasskey($challenge: String!, $ceremonyId: ID!, $response: String!) {
  completeSignInWithPasskey(
    challenge: $challenge
    ceremonyId: $ceremonyId
    response: $response
  ) {
    token
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteSignInWithPasskeyMutation, ConsoleCompleteSignInWithPasskeyMutationVariables>;
export const ConsoleOrganizationSsoDocument = new TypedDocumentString(`
    query ConsoleOrganizationSso($organizationId: ID!) {
  organizationSso(organizationId: $organizationId) {
    organizationId
    issuer
    clientId
    hasClientSecret
    updatedAt
    domains {
      domain
      verificationRecordName
      verificationRecordValue
      verifiedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationSsoQuery, ConsoleOrganizationSsoQueryVariables>;
export const ConsoleSetOrganizationSsoDocument = new TypedDocumentString(`
    mutation ConsoleSetOrganizationSso($organizationId: ID!, $issuer: String!, $clientId: String!, $clientSecret: String) {
  setOrganizationSso(
    organizationId: $organizationId
    issuer: $issuer
    clientId: $clientId
    clientSecret: $clientSecret
  ) {
    organizationId
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetOrganizationSsoMutation, ConsoleSetOrganizationSsoMutationVariables>;
export const ConsoleRemoveOrganizationSsoDocument = new TypedDocumentString(`
    mutation ConsoleRemoveOrganizationSso($organizationId: ID!) {
  removeOrganizationSso(organizationId: $organizationId)
}
    `) as unknown as TypedDocumentString<ConsoleRemoveOrganizationSsoMutation, ConsoleRemoveOrganizationSsoMutationVariables>;
export const ConsoleAddOrganizationSsoDomainDocument = new TypedDocumentString(`
    mutation ConsoleAddOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
  addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
    domain
  }
}
    `) as unknown as TypedDocumentString<ConsoleAddOrganizationSsoDomainMutation, ConsoleAddOrganizationSsoDomainMutationVariables>;
export const ConsoleVerifyOrganizationSsoDomainDocument = new TypedDocumentString(`
    mutation ConsoleVerifyOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
  verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
    domain
    verifiedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleVerifyOrganizationSsoDomainMutation, ConsoleVerifyOrganizationSsoDomainMutationVariables>;
export const ConsoleRemoveOrganizationSsoDomainDocument = new TypedDocumentString(`
    mutation ConsoleRemoveOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
  removeOrganizationSsoDomain(organizationId: $organizationId, domain: $domain)
}
    `) as unknown as TypedDocumentString<ConsoleRemoveOrganizationSsoDomainMutation, ConsoleRemoveOrganizationSsoDomainMutationVariables>;