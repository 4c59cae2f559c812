import { graphql } from './generated/gql.ts';

// Every operation the console sends: typed by graphql-codegen's client preset against the public
// graph (schema/supergraph.graphql's API schema), so a field the graph does not offer fails codegen.

export const MeQuery = graphql(`
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
`);

export const RequestSignInCode = graphql(`
  mutation ConsoleRequestSignInCode($email: String!) {
    requestSignInCode(email: $email)
  }
`);

export const SignInWithCode = graphql(`
  mutation ConsoleSignInWithCode($email: String!, $code: String!) {
    signInWithCode(email: $email, code: $code) {
      token
    }
  }
`);

export const SignInWithPassword = graphql(`
  mutation ConsoleSignInWithPassword($email: String!, $password: String!) {
    signInWithPassword(email: $email, password: $password) {
      token
    }
  }
`);

export const StartSsoSignIn = graphql(`
  mutation ConsoleStartSsoSignIn($email: String!, $redirectUri: String!) {
    startSsoSignIn(email: $email, redirectUri: $redirectUri) {
      authorizationUrl
      organizationId
    }
  }
`);

export const CompleteSsoSignIn = graphql(`
  mutation ConsoleCompleteSsoSignIn($organizationId: ID!, $callbackUrl: String!) {
    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {
      token
    }
  }
`);

export const SignOut = graphql(`
  mutation ConsoleSignOut {
    signOut
  }
`);

export const CreateOrganization = graphql(`
  mutation ConsoleCreateOrganization($name: String!) {
    createOrganization(name: $name) {
      id
    }
  }
`);

export const AcceptInvitation = graphql(`
  mutation ConsoleAcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      organization {
        id
        name
      }
    }
  }
`);

export const OrganizationMembers = graphql(`
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
`);

export const InviteMember = graphql(`
  mutation ConsoleInviteMember(
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
      email
      role
      projectRole
      expiresAt
    }
  }
`);

export const OrganizationProjects = graphql(`
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
`);

export const CreateProject = graphql(`
  mutation ConsoleCreateProject($organizationId: ID!, $name: String!) {
    createProject(organizationId: $organizationId, name: $name) {
      id
      name
    }
  }
`);

export const ProjectQuery = graphql(`
  query ConsoleProject($id: ID!) {
    project(id: $id) {
      id
      name
      viewerRole
    }
  }
`);

export const ProjectMembers = graphql(`
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
`);

export const SetProjectRole = graphql(`
  mutation ConsoleSetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {
    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {
      role
      user {
        email
      }
    }
  }
`);

export const ChangeMemberRole = graphql(`
  mutation ConsoleChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {
    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {
      role
    }
  }
`);

export const RemoveMember = graphql(`
  mutation ConsoleRemoveMember($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`);

export const RevokeUserSessions = graphql(`
  mutation ConsoleRevokeUserSessions($organizationId: ID!, $userId: ID!) {
    revokeUserSessions(organizationId: $organizationId, userId: $userId)
  }
`);

export const MemberSignInAttempts = graphql(`
  query ConsoleMemberSignInAttempts($organizationId: ID!, $userId: ID!, $after: String) {
    memberSignInAttempts(organizationId: $organizationId, userId: $userId, first: 25, after: $after) {
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
`);

export const AuditEvents = graphql(`
  query ConsoleAuditEvents($organizationId: ID!, $filter: AuditEventFilter, $after: String) {
    auditEvents(organizationId: $organizationId, filter: $filter, first: 20, after: $after) {
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
`);

export const AuditChain = graphql(`
  query ConsoleAuditChain($organizationId: ID!) {
    auditChain(organizationId: $organizationId) {
      valid
      events
      brokenAt
      breakReason
      headSequence
    }
  }
`);

export const ApiKeys = graphql(`
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
`);

export const CreateApiKey = graphql(`
  mutation ConsoleCreateApiKey(
    $organizationId: ID!
    $name: String!
    $scopes: [String!]!
    $expiresAt: DateTime
  ) {
    createApiKey(organizationId: $organizationId, name: $name, scopes: $scopes, expiresAt: $expiresAt) {
      secret
      apiKey {
        id
        prefix
      }
    }
  }
`);

export const RevokeApiKey = graphql(`
  mutation ConsoleRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

export const RequestDataExport = graphql(`
  mutation ConsoleRequestDataExport($subject: SubjectInput!) {
    requestDataExport(subject: $subject) {
      id
      status
      progress
    }
  }
`);

export const DataExport = graphql(`
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
`);

export const MyAccount = graphql(`
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
`);

export const RevokeSession = graphql(`
  mutation ConsoleRevokeSession($id: ID!) {
    revokeSession(id: $id) {
      id
      revokedAt
    }
  }
`);

export const RequestDeletion = graphql(`
  mutation ConsoleRequestDeletion($subject: SubjectInput!, $reason: String!) {
    requestDeletion(subject: $subject, reason: $reason) {
      id
      status
      scheduledFor
    }
  }
`);

export const DeletionRequests = graphql(`
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
`);

export const CancelDeletion = graphql(`
  mutation ConsoleCancelDeletion($id: ID!) {
    cancelDeletion(id: $id) {
      id
      status
    }
  }
`);

export const OrganizationLifecycle = graphql(`
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
`);

export const SetLegalHold = graphql(`
  mutation ConsoleSetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {
    setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {
      id
      legalHold {
        reason
        since
      }
    }
  }
`);

export const EndContract = graphql(`
  mutation ConsoleEndContract($organizationId: ID!, $endsAt: DateTime!) {
    endContract(organizationId: $organizationId, endsAt: $endsAt) {
      id
      status
      contractEndsAt
    }
  }
`);

export const RetentionPolicy = graphql(`
  query ConsoleRetentionPolicy($organizationId: ID!) {
    retentionPolicy(organizationId: $organizationId) {
      category
      keepFor
      isDefault
      minimum
      updatedAt
    }
  }
`);

export const SetRetentionPolicy = graphql(`
  mutation ConsoleSetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {
    setRetentionPolicy(organizationId: $organizationId, rules: $rules) {
      category
      keepFor
      isDefault
      minimum
      updatedAt
    }
  }
`);

export const VerifyCertificate = graphql(`
  query ConsoleVerifyCertificate($document: String!, $signature: String!) {
    verifyDestructionCertificate(document: $document, signature: $signature) {
      valid
      keyId
      reason
    }
  }
`);

export const CompleteSignInWithTotp = graphql(`
  mutation ConsoleCompleteSignInWithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      token
    }
  }
`);

export const CompleteSignInWithRecoveryCode = graphql(`
  mutation ConsoleCompleteSignInWithRecoveryCode($challenge: String!, $code: String!) {
    completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {
      token
    }
  }
`);

export const SecondFactors = graphql(`
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
`);

export const StartTotpEnrolment = graphql(`
  mutation ConsoleStartTotpEnrolment {
    startTotpEnrolment {
      secret
      uri
      qrCodeDataUrl
    }
  }
`);

export const ConfirmTotpEnrolment = graphql(`
  mutation ConsoleConfirmTotpEnrolment($code: String!) {
    confirmTotpEnrolment(code: $code) {
      codes
    }
  }
`);

export const RemoveTotp = graphql(`
  mutation ConsoleRemoveTotp {
    removeTotp
  }
`);

export const RegenerateRecoveryCodes = graphql(`
  mutation ConsoleRegenerateRecoveryCodes {
    regenerateRecoveryCodes {
      codes
    }
  }
`);

export const RemovePasskey = graphql(`
  mutation ConsoleRemovePasskey($id: ID!) {
    removePasskey(id: $id)
  }
`);

export const StepUpWithTotp = graphql(`
  mutation ConsoleStepUpWithTotp($code: String!) {
    stepUpWithTotp(code: $code) {
      id
    }
  }
`);

export const StepUpWithRecoveryCode = graphql(`
  mutation ConsoleStepUpWithRecoveryCode($code: String!) {
    stepUpWithRecoveryCode(code: $code) {
      id
    }
  }
`);

export const StepUpWithPassword = graphql(`
  mutation ConsoleStepUpWithPassword($password: String!) {
    stepUpWithPassword(password: $password) {
      id
    }
  }
`);

export const StepUpWithEmailCode = graphql(`
  mutation ConsoleStepUpWithEmailCode($code: String!) {
    stepUpWithEmailCode(code: $code) {
      id
    }
  }
`);

export const SignInPolicy = graphql(`
  query ConsoleSignInPolicy($organizationId: ID!) {
    signInPolicy(organizationId: $organizationId) {
      organizationId
      secondFactor
      allowedMethods
      updatedAt
    }
  }
`);

export const SetSignInPolicy = graphql(`
  mutation ConsoleSetSignInPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {
    setSignInPolicy(organizationId: $organizationId, policy: $policy) {
      organizationId
      secondFactor
      allowedMethods
      updatedAt
    }
  }
`);

export const StartPasskeyRegistration = graphql(`
  mutation ConsoleStartPasskeyRegistration {
    startPasskeyRegistration {
      options
    }
  }
`);

export const CompletePasskeyRegistration = graphql(`
  mutation ConsoleCompletePasskeyRegistration($name: String!, $response: String!) {
    completePasskeyRegistration(name: $name, response: $response) {
      id
      name
    }
  }
`);

export const StartSignInChallengePasskey = graphql(`
  mutation ConsoleStartSignInChallengePasskey($challenge: String!) {
    startSignInChallengePasskey(challenge: $challenge) {
      ceremonyId
      options
    }
  }
`);

export const CompleteSignInWithPasskey = graphql(`
  mutation ConsoleCompleteSignInWithPasskey($challenge: String!, $ceremonyId: ID!, $response: String!) {
    completeSignInWithPasskey(challenge: $challenge, ceremonyId: $ceremonyId, response: $response) {
      token
    }
  }
`);

export const OrganizationSso = graphql(`
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
`);

export const SetOrganizationSso = graphql(`
  mutation ConsoleSetOrganizationSso(
    $organizationId: ID!
    $issuer: String!
    $clientId: String!
    $clientSecret: String
  ) {
    setOrganizationSso(
      organizationId: $organizationId
      issuer: $issuer
      clientId: $clientId
      clientSecret: $clientSecret
    ) {
      organizationId
    }
  }
`);

export const RemoveOrganizationSso = graphql(`
  mutation ConsoleRemoveOrganizationSso($organizationId: ID!) {
    removeOrganizationSso(organizationId: $organizationId)
  }
`);

export const AddOrganizationSsoDomain = graphql(`
  mutation ConsoleAddOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      domain
    }
  }
`);

export const VerifyOrganizationSsoDomain = graphql(`
  mutation ConsoleVerifyOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      domain
      verifiedAt
    }
  }
`);

export const RemoveOrganizationSsoDomain = graphql(`
  mutation ConsoleRemoveOrganizationSsoDomain($organizationId: ID!, $domain: String!) {
    removeOrganizationSsoDomain(organizationId: $organizationId, domain: $domain)
  }
`);
