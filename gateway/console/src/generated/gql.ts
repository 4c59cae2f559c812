/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleMe {\n    me {\n      id\n      email\n      displayName\n      hasPassword\n      memberships {\n        role\n        createdAt\n        organization {\n          id\n          name\n          region\n          status\n        }\n      }\n    }\n  }\n": typeof types.ConsoleMeDocument,
    "\n  mutation ConsoleRequestSignInCode($email: String!) {\n    requestSignInCode(email: $email)\n  }\n": typeof types.ConsoleRequestSignInCodeDocument,
    "\n  mutation ConsoleSignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      token\n    }\n  }\n": typeof types.ConsoleSignInWithCodeDocument,
    "\n  mutation ConsoleSignInWithPassword($email: String!, $password: String!) {\n    signInWithPassword(email: $email, password: $password) {\n      token\n    }\n  }\n": typeof types.ConsoleSignInWithPasswordDocument,
    "\n  mutation ConsoleStartSsoSignIn($email: String!, $redirectUri: String!) {\n    startSsoSignIn(email: $email, redirectUri: $redirectUri) {\n      authorizationUrl\n      organizationId\n    }\n  }\n": typeof types.ConsoleStartSsoSignInDocument,
    "\n  mutation ConsoleCompleteSsoSignIn($organizationId: ID!, $callbackUrl: String!) {\n    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {\n      token\n    }\n  }\n": typeof types.ConsoleCompleteSsoSignInDocument,
    "\n  mutation ConsoleSignOut {\n    signOut\n  }\n": typeof types.ConsoleSignOutDocument,
    "\n  mutation ConsoleCreateOrganization($name: String!) {\n    createOrganization(name: $name) {\n      id\n    }\n  }\n": typeof types.ConsoleCreateOrganizationDocument,
    "\n  mutation ConsoleAcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConsoleAcceptInvitationDocument,
    "\n  query ConsoleOrganizationMembers($id: ID!) {\n    organization(id: $id) {\n      id\n      members {\n        role\n        createdAt\n        user {\n          id\n          email\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ConsoleOrganizationMembersDocument,
    "\n  mutation ConsoleInviteMember(\n    $organizationId: ID!\n    $email: String!\n    $role: OrganizationRole!\n    $projectId: ID\n    $projectRole: ProjectRole\n  ) {\n    inviteMember(\n      organizationId: $organizationId\n      email: $email\n      role: $role\n      projectId: $projectId\n      projectRole: $projectRole\n    ) {\n      id\n      email\n      role\n      projectRole\n      expiresAt\n    }\n  }\n": typeof types.ConsoleInviteMemberDocument,
    "\n  query ConsoleOrganizationProjects($id: ID!) {\n    organization(id: $id) {\n      id\n      projects {\n        id\n        name\n        viewerRole\n      }\n    }\n  }\n": typeof types.ConsoleOrganizationProjectsDocument,
    "\n  mutation ConsoleCreateProject($organizationId: ID!, $name: String!) {\n    createProject(organizationId: $organizationId, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.ConsoleCreateProjectDocument,
    "\n  query ConsoleProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      viewerRole\n    }\n  }\n": typeof types.ConsoleProjectDocument,
    "\n  query ConsoleProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.ConsoleProjectMembersDocument,
    "\n  mutation ConsoleSetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {\n    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {\n      role\n      user {\n        email\n      }\n    }\n  }\n": typeof types.ConsoleSetProjectRoleDocument,
    "\n  mutation ConsoleChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {\n    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {\n      role\n    }\n  }\n": typeof types.ConsoleChangeMemberRoleDocument,
    "\n  mutation ConsoleRemoveMember($organizationId: ID!, $userId: ID!) {\n    removeMember(organizationId: $organizationId, userId: $userId)\n  }\n": typeof types.ConsoleRemoveMemberDocument,
    "\n  mutation ConsoleRevokeUserSessions($organizationId: ID!, $userId: ID!) {\n    revokeUserSessions(organizationId: $organizationId, userId: $userId)\n  }\n": typeof types.ConsoleRevokeUserSessionsDocument,
    "\n  query ConsoleMemberSignInAttempts($organizationId: ID!, $userId: ID!, $after: String) {\n    memberSignInAttempts(organizationId: $organizationId, userId: $userId, first: 25, after: $after) {\n      edges {\n        node {\n          id\n          email\n          method\n          outcome\n          ip\n          userAgent\n          deviceType\n          occurredAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleMemberSignInAttemptsDocument,
    "\n  query ConsoleAuditEvents($organizationId: ID!, $filter: AuditEventFilter, $after: String) {\n    auditEvents(organizationId: $organizationId, filter: $filter, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          sequence\n          occurredAt\n          action\n          outcome\n          actor {\n            type\n            id\n            ip\n            deviceType\n          }\n          target {\n            type\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleAuditEventsDocument,
    "\n  query ConsoleAuditChain($organizationId: ID!) {\n    auditChain(organizationId: $organizationId) {\n      valid\n      events\n      brokenAt\n      breakReason\n      headSequence\n    }\n  }\n": typeof types.ConsoleAuditChainDocument,
    "\n  query ConsoleApiKeys($organizationId: ID!) {\n    apiKeys(organizationId: $organizationId) {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey(\n    $organizationId: ID!\n    $name: String!\n    $scopes: [String!]!\n    $expiresAt: DateTime\n  ) {\n    createApiKey(organizationId: $organizationId, name: $name, scopes: $scopes, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        id\n        prefix\n      }\n    }\n  }\n": typeof types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.ConsoleRevokeApiKeyDocument,
    "\n  mutation ConsoleRequestDataExport($subject: SubjectInput!) {\n    requestDataExport(subject: $subject) {\n      id\n      status\n      progress\n    }\n  }\n": typeof types.ConsoleRequestDataExportDocument,
    "\n  query ConsoleDataExport($id: ID!) {\n    dataExport(id: $id) {\n      id\n      status\n      progress\n      requestedAt\n      completedAt\n      downloadUrl\n      sizeBytes\n      sha256\n    }\n  }\n": typeof types.ConsoleDataExportDocument,
    "\n  query ConsoleMyAccount {\n    me {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        deviceType\n        current\n        revokedAt\n      }\n      signInAttempts(first: 25) {\n        edges {\n          node {\n            id\n            method\n            outcome\n            ip\n            userAgent\n            deviceType\n            occurredAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleMyAccountDocument,
    "\n  mutation ConsoleRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.ConsoleRevokeSessionDocument,
    "\n  mutation ConsoleRequestDeletion($subject: SubjectInput!, $reason: String!) {\n    requestDeletion(subject: $subject, reason: $reason) {\n      id\n      status\n      scheduledFor\n    }\n  }\n": typeof types.ConsoleRequestDeletionDocument,
    "\n  query ConsoleDeletionRequests {\n    deletionRequests {\n      id\n      organizationId\n      userId\n      status\n      origin\n      reason\n      requestedAt\n      scheduledFor\n      completedAt\n      certificate {\n        id\n        issuedAt\n        document\n        signature\n        keyId\n      }\n    }\n  }\n": typeof types.ConsoleDeletionRequestsDocument,
    "\n  mutation ConsoleCancelDeletion($id: ID!) {\n    cancelDeletion(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleCancelDeletionDocument,
    "\n  query ConsoleOrganizationLifecycle($id: ID!) {\n    organization(id: $id) {\n      id\n      status\n      contractEndsAt\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n": typeof types.ConsoleOrganizationLifecycleDocument,
    "\n  mutation ConsoleSetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {\n    setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {\n      id\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n": typeof types.ConsoleSetLegalHoldDocument,
    "\n  mutation ConsoleEndContract($organizationId: ID!, $endsAt: DateTime!) {\n    endContract(organizationId: $organizationId, endsAt: $endsAt) {\n      id\n      status\n      contractEndsAt\n    }\n  }\n": typeof types.ConsoleEndContractDocument,
    "\n  query ConsoleRetentionPolicy($organizationId: ID!) {\n    retentionPolicy(organizationId: $organizationId) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n": typeof types.ConsoleRetentionPolicyDocument,
    "\n  mutation ConsoleSetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {\n    setRetentionPolicy(organizationId: $organizationId, rules: $rules) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n": typeof types.ConsoleSetRetentionPolicyDocument,
    "\n  query ConsoleVerifyCertificate($document: String!, $signature: String!) {\n    verifyDestructionCertificate(document: $document, signature: $signature) {\n      valid\n      keyId\n      reason\n    }\n  }\n": typeof types.ConsoleVerifyCertificateDocument,
    "\n  mutation ConsoleCompleteSignInWithTotp($challenge: String!, $code: String!) {\n    completeSignInWithTotp(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n": typeof types.ConsoleCompleteSignInWithTotpDocument,
    "\n  mutation ConsoleCompleteSignInWithRecoveryCode($challenge: String!, $code: String!) {\n    completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n": typeof types.ConsoleCompleteSignInWithRecoveryCodeDocument,
    "\n  query ConsoleSecondFactors {\n    me {\n      id\n      secondFactors {\n        totp\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n        backedUp\n      }\n    }\n  }\n": typeof types.ConsoleSecondFactorsDocument,
    "\n  mutation ConsoleStartTotpEnrolment {\n    startTotpEnrolment {\n      secret\n      uri\n      qrCodeDataUrl\n    }\n  }\n": typeof types.ConsoleStartTotpEnrolmentDocument,
    "\n  mutation ConsoleConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) {\n      codes\n    }\n  }\n": typeof types.ConsoleConfirmTotpEnrolmentDocument,
    "\n  mutation ConsoleRemoveTotp {\n    removeTotp\n  }\n": typeof types.ConsoleRemoveTotpDocument,
    "\n  mutation ConsoleRegenerateRecoveryCodes {\n    regenerateRecoveryCodes {\n      codes\n    }\n  }\n": typeof types.ConsoleRegenerateRecoveryCodesDocument,
    "\n  mutation ConsoleRemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n": typeof types.ConsoleRemovePasskeyDocument,
    "\n  mutation ConsoleStepUpWithTotp($code: String!) {\n    stepUpWithTotp(code: $code) {\n      id\n    }\n  }\n": typeof types.ConsoleStepUpWithTotpDocument,
    "\n  mutation ConsoleStepUpWithRecoveryCode($code: String!) {\n    stepUpWithRecoveryCode(code: $code) {\n      id\n    }\n  }\n": typeof types.ConsoleStepUpWithRecoveryCodeDocument,
    "\n  mutation ConsoleStepUpWithPassword($password: String!) {\n    stepUpWithPassword(password: $password) {\n      id\n    }\n  }\n": typeof types.ConsoleStepUpWithPasswordDocument,
    "\n  mutation ConsoleStepUpWithEmailCode($code: String!) {\n    stepUpWithEmailCode(code: $code) {\n      id\n    }\n  }\n": typeof types.ConsoleStepUpWithEmailCodeDocument,
    "\n  query ConsoleSignInPolicy($organizationId: ID!) {\n    signInPolicy(organizationId: $organizationId) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n": typeof types.ConsoleSignInPolicyDocument,
    "\n  mutation ConsoleSetSignInPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {\n    setSignInPolicy(organizationId: $organizationId, policy: $policy) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n": typeof types.ConsoleSetSignInPolicyDocument,
    "\n  mutation ConsoleStartPasskeyRegistration {\n    startPasskeyRegistration {\n      options\n    }\n  }\n": typeof types.ConsoleStartPasskeyRegistrationDocument,
    "\n  mutation ConsoleCompletePasskeyRegistration($name: String!, $response: String!) {\n    completePasskeyRegistration(name: $name, response: $response) {\n      id\n      name\n    }\n  }\n": typeof types.ConsoleCompletePasskeyRegistrationDocument,
    "\n  mutation ConsoleStartSignInChallengePasskey($challenge: String!) {\n    startSignInChallengePasskey(challenge: $challenge) {\n      ceremonyId\n      options\n    }\n  }\n": typeof types.ConsoleStartSignInChallengePasskeyDocument,
    "\n  mutation ConsoleCompleteSignInWithPasskey($challenge: String!, $ceremonyId: ID!, $response: String!) {\n    completeSignInWithPasskey(challenge: $challenge, ceremonyId: $ceremonyId, response: $response) {\n      token\n    }\n  }\n": typeof types.ConsoleCompleteSignInWithPasskeyDocument,
    "\n  query ConsoleOrganizationSso($organizationId: ID!) {\n    organizationSso(organizationId: $organizationId) {\n      organizationId\n      issuer\n      clientId\n      hasClientSecret\n      updatedAt\n      domains {\n        domain\n        verificationRecordName\n        verificationRecordValue\n        verifiedAt\n      }\n    }\n  }\n": typeof types.ConsoleOrganizationSsoDocument,
    "\n  mutation ConsoleSetOrganizationSso(\n    $organizationId: ID!\n    $issuer: String!\n    $clientId: String!\n    $clientSecret: String\n  ) {\n    setOrganizationSso(\n      organizationId: $organizationId\n      issuer: $issuer\n      clientId: $clientId\n      clientSecret: $clientSecret\n    ) {\n      organizationId\n    }\n  }\n": typeof types.ConsoleSetOrganizationSsoDocument,
    "\n  mutation ConsoleRemoveOrganizationSso($organizationId: ID!) {\n    removeOrganizationSso(organizationId: $organizationId)\n  }\n": typeof types.ConsoleRemoveOrganizationSsoDocument,
    "\n  mutation ConsoleAddOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n    }\n  }\n": typeof types.ConsoleAddOrganizationSsoDomainDocument,
    "\n  mutation ConsoleVerifyOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n      verifiedAt\n    }\n  }\n": typeof types.ConsoleVerifyOrganizationSsoDomainDocument,
    "\n  mutation ConsoleRemoveOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    removeOrganizationSsoDomain(organizationId: $organizationId, domain: $domain)\n  }\n": typeof types.ConsoleRemoveOrganizationSsoDomainDocument,
};
const documents: Documents = {
    "\n  query ConsoleMe {\n    me {\n      id\n      email\n      displayName\n      hasPassword\n      memberships {\n        role\n        createdAt\n        organization {\n          id\n          name\n          region\n          status\n        }\n      }\n    }\n  }\n": types.ConsoleMeDocument,
    "\n  mutation ConsoleRequestSignInCode($email: String!) {\n    requestSignInCode(email: $email)\n  }\n": types.ConsoleRequestSignInCodeDocument,
    "\n  mutation ConsoleSignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      token\n    }\n  }\n": types.ConsoleSignInWithCodeDocument,
    "\n  mutation ConsoleSignInWithPassword($email: String!, $password: String!) {\n    signInWithPassword(email: $email, password: $password) {\n      token\n    }\n  }\n": types.ConsoleSignInWithPasswordDocument,
    "\n  mutation ConsoleStartSsoSignIn($email: String!, $redirectUri: String!) {\n    startSsoSignIn(email: $email, redirectUri: $redirectUri) {\n      authorizationUrl\n      organizationId\n    }\n  }\n": types.ConsoleStartSsoSignInDocument,
    "\n  mutation ConsoleCompleteSsoSignIn($organizationId: ID!, $callbackUrl: String!) {\n    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {\n      token\n    }\n  }\n": types.ConsoleCompleteSsoSignInDocument,
    "\n  mutation ConsoleSignOut {\n    signOut\n  }\n": types.ConsoleSignOutDocument,
    "\n  mutation ConsoleCreateOrganization($name: String!) {\n    createOrganization(name: $name) {\n      id\n    }\n  }\n": types.ConsoleCreateOrganizationDocument,
    "\n  mutation ConsoleAcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleAcceptInvitationDocument,
    "\n  query ConsoleOrganizationMembers($id: ID!) {\n    organization(id: $id) {\n      id\n      members {\n        role\n        createdAt\n        user {\n          id\n          email\n          displayName\n        }\n      }\n    }\n  }\n": types.ConsoleOrganizationMembersDocument,
    "\n  mutation ConsoleInviteMember(\n    $organizationId: ID!\n    $email: String!\n    $role: OrganizationRole!\n    $projectId: ID\n    $projectRole: ProjectRole\n  ) {\n    inviteMember(\n      organizationId: $organizationId\n      email: $email\n      role: $role\n      projectId: $projectId\n      projectRole: $projectRole\n    ) {\n      id\n      email\n      role\n      projectRole\n      expiresAt\n    }\n  }\n": types.ConsoleInviteMemberDocument,
    "\n  query ConsoleOrganizationProjects($id: ID!) {\n    organization(id: $id) {\n      id\n      projects {\n        id\n        name\n        viewerRole\n      }\n    }\n  }\n": types.ConsoleOrganizationProjectsDocument,
    "\n  mutation ConsoleCreateProject($organizationId: ID!, $name: String!) {\n    createProject(organizationId: $organizationId, name: $name) {\n      id\n      name\n    }\n  }\n": types.ConsoleCreateProjectDocument,
    "\n  query ConsoleProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      viewerRole\n    }\n  }\n": types.ConsoleProjectDocument,
    "\n  query ConsoleProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.ConsoleProjectMembersDocument,
    "\n  mutation ConsoleSetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {\n    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {\n      role\n      user {\n        email\n      }\n    }\n  }\n": types.ConsoleSetProjectRoleDocument,
    "\n  mutation ConsoleChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {\n    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {\n      role\n    }\n  }\n": types.ConsoleChangeMemberRoleDocument,
    "\n  mutation ConsoleRemoveMember($organizationId: ID!, $userId: ID!) {\n    removeMember(organizationId: $organizationId, userId: $userId)\n  }\n": types.ConsoleRemoveMemberDocument,
    "\n  mutation ConsoleRevokeUserSessions($organizationId: ID!, $userId: ID!) {\n    revokeUserSessions(organizationId: $organizationId, userId: $userId)\n  }\n": types.ConsoleRevokeUserSessionsDocument,
    "\n  query ConsoleMemberSignInAttempts($organizationId: ID!, $userId: ID!, $after: String) {\n    memberSignInAttempts(organizationId: $organizationId, userId: $userId, first: 25, after: $after) {\n      edges {\n        node {\n          id\n          email\n          method\n          outcome\n          ip\n          userAgent\n          deviceType\n          occurredAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleMemberSignInAttemptsDocument,
    "\n  query ConsoleAuditEvents($organizationId: ID!, $filter: AuditEventFilter, $after: String) {\n    auditEvents(organizationId: $organizationId, filter: $filter, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          sequence\n          occurredAt\n          action\n          outcome\n          actor {\n            type\n            id\n            ip\n            deviceType\n          }\n          target {\n            type\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleAuditEventsDocument,
    "\n  query ConsoleAuditChain($organizationId: ID!) {\n    auditChain(organizationId: $organizationId) {\n      valid\n      events\n      brokenAt\n      breakReason\n      headSequence\n    }\n  }\n": types.ConsoleAuditChainDocument,
    "\n  query ConsoleApiKeys($organizationId: ID!) {\n    apiKeys(organizationId: $organizationId) {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey(\n    $organizationId: ID!\n    $name: String!\n    $scopes: [String!]!\n    $expiresAt: DateTime\n  ) {\n    createApiKey(organizationId: $organizationId, name: $name, scopes: $scopes, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        id\n        prefix\n      }\n    }\n  }\n": types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.ConsoleRevokeApiKeyDocument,
    "\n  mutation ConsoleRequestDataExport($subject: SubjectInput!) {\n    requestDataExport(subject: $subject) {\n      id\n      status\n      progress\n    }\n  }\n": types.ConsoleRequestDataExportDocument,
    "\n  query ConsoleDataExport($id: ID!) {\n    dataExport(id: $id) {\n      id\n      status\n      progress\n      requestedAt\n      completedAt\n      downloadUrl\n      sizeBytes\n      sha256\n    }\n  }\n": types.ConsoleDataExportDocument,
    "\n  query ConsoleMyAccount {\n    me {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        deviceType\n        current\n        revokedAt\n      }\n      signInAttempts(first: 25) {\n        edges {\n          node {\n            id\n            method\n            outcome\n            ip\n            userAgent\n            deviceType\n            occurredAt\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleMyAccountDocument,
    "\n  mutation ConsoleRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.ConsoleRevokeSessionDocument,
    "\n  mutation ConsoleRequestDeletion($subject: SubjectInput!, $reason: String!) {\n    requestDeletion(subject: $subject, reason: $reason) {\n      id\n      status\n      scheduledFor\n    }\n  }\n": types.ConsoleRequestDeletionDocument,
    "\n  query ConsoleDeletionRequests {\n    deletionRequests {\n      id\n      organizationId\n      userId\n      status\n      origin\n      reason\n      requestedAt\n      scheduledFor\n      completedAt\n      certificate {\n        id\n        issuedAt\n        document\n        signature\n        keyId\n      }\n    }\n  }\n": types.ConsoleDeletionRequestsDocument,
    "\n  mutation ConsoleCancelDeletion($id: ID!) {\n    cancelDeletion(id: $id) {\n      id\n      status\n    }\n  }\n": types.ConsoleCancelDeletionDocument,
    "\n  query ConsoleOrganizationLifecycle($id: ID!) {\n    organization(id: $id) {\n      id\n      status\n      contractEndsAt\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n": types.ConsoleOrganizationLifecycleDocument,
    "\n  mutation ConsoleSetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {\n    setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {\n      id\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n": types.ConsoleSetLegalHoldDocument,
    "\n  mutation ConsoleEndContract($organizationId: ID!, $endsAt: DateTime!) {\n    endContract(organizationId: $organizationId, endsAt: $endsAt) {\n      id\n      status\n      contractEndsAt\n    }\n  }\n": types.ConsoleEndContractDocument,
    "\n  query ConsoleRetentionPolicy($organizationId: ID!) {\n    retentionPolicy(organizationId: $organizationId) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n": types.ConsoleRetentionPolicyDocument,
    "\n  mutation ConsoleSetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {\n    setRetentionPolicy(organizationId: $organizationId, rules: $rules) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n": types.ConsoleSetRetentionPolicyDocument,
    "\n  query ConsoleVerifyCertificate($document: String!, $signature: String!) {\n    verifyDestructionCertificate(document: $document, signature: $signature) {\n      valid\n      keyId\n      reason\n    }\n  }\n": types.ConsoleVerifyCertificateDocument,
    "\n  mutation ConsoleCompleteSignInWithTotp($challenge: String!, $code: String!) {\n    completeSignInWithTotp(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n": types.ConsoleCompleteSignInWithTotpDocument,
    "\n  mutation ConsoleCompleteSignInWithRecoveryCode($challenge: String!, $code: String!) {\n    completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n": types.ConsoleCompleteSignInWithRecoveryCodeDocument,
    "\n  query ConsoleSecondFactors {\n    me {\n      id\n      secondFactors {\n        totp\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n        backedUp\n      }\n    }\n  }\n": types.ConsoleSecondFactorsDocument,
    "\n  mutation ConsoleStartTotpEnrolment {\n    startTotpEnrolment {\n      secret\n      uri\n      qrCodeDataUrl\n    }\n  }\n": types.ConsoleStartTotpEnrolmentDocument,
    "\n  mutation ConsoleConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) {\n      codes\n    }\n  }\n": types.ConsoleConfirmTotpEnrolmentDocument,
    "\n  mutation ConsoleRemoveTotp {\n    removeTotp\n  }\n": types.ConsoleRemoveTotpDocument,
    "\n  mutation ConsoleRegenerateRecoveryCodes {\n    regenerateRecoveryCodes {\n      codes\n    }\n  }\n": types.ConsoleRegenerateRecoveryCodesDocument,
    "\n  mutation ConsoleRemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n": types.ConsoleRemovePasskeyDocument,
    "\n  mutation ConsoleStepUpWithTotp($code: String!) {\n    stepUpWithTotp(code: $code) {\n      id\n    }\n  }\n": types.ConsoleStepUpWithTotpDocument,
    "\n  mutation ConsoleStepUpWithRecoveryCode($code: String!) {\n    stepUpWithRecoveryCode(code: $code) {\n      id\n    }\n  }\n": types.ConsoleStepUpWithRecoveryCodeDocument,
    "\n  mutation ConsoleStepUpWithPassword($password: String!) {\n    stepUpWithPassword(password: $password) {\n      id\n    }\n  }\n": types.ConsoleStepUpWithPasswordDocument,
    "\n  mutation ConsoleStepUpWithEmailCode($code: String!) {\n    stepUpWithEmailCode(code: $code) {\n      id\n    }\n  }\n": types.ConsoleStepUpWithEmailCodeDocument,
    "\n  query ConsoleSignInPolicy($organizationId: ID!) {\n    signInPolicy(organizationId: $organizationId) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n": types.ConsoleSignInPolicyDocument,
    "\n  mutation ConsoleSetSignInPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {\n    setSignInPolicy(organizationId: $organizationId, policy: $policy) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n": types.ConsoleSetSignInPolicyDocument,
    "\n  mutation ConsoleStartPasskeyRegistration {\n    startPasskeyRegistration {\n      options\n    }\n  }\n": types.ConsoleStartPasskeyRegistrationDocument,
    "\n  mutation ConsoleCompletePasskeyRegistration($name: String!, $response: String!) {\n    completePasskeyRegistration(name: $name, response: $response) {\n      id\n      name\n    }\n  }\n": types.ConsoleCompletePasskeyRegistrationDocument,
    "\n  mutation ConsoleStartSignInChallengePasskey($challenge: String!) {\n    startSignInChallengePasskey(challenge: $challenge) {\n      ceremonyId\n      options\n    }\n  }\n": types.ConsoleStartSignInChallengePasskeyDocument,
    "\n  mutation ConsoleCompleteSignInWithPasskey($challenge: String!, $ceremonyId: ID!, $response: String!) {\n    completeSignInWithPasskey(challenge: $challenge, ceremonyId: $ceremonyId, response: $response) {\n      token\n    }\n  }\n": types.ConsoleCompleteSignInWithPasskeyDocument,
    "\n  query ConsoleOrganizationSso($organizationId: ID!) {\n    organizationSso(organizationId: $organizationId) {\n      organizationId\n      issuer\n      clientId\n      hasClientSecret\n      updatedAt\n      domains {\n        domain\n        verificationRecordName\n        verificationRecordValue\n        verifiedAt\n      }\n    }\n  }\n": types.ConsoleOrganizationSsoDocument,
    "\n  mutation ConsoleSetOrganizationSso(\n    $organizationId: ID!\n    $issuer: String!\n    $clientId: String!\n    $clientSecret: String\n  ) {\n    setOrganizationSso(\n      organizationId: $organizationId\n      issuer: $issuer\n      clientId: $clientId\n      clientSecret: $clientSecret\n    ) {\n      organizationId\n    }\n  }\n": types.ConsoleSetOrganizationSsoDocument,
    "\n  mutation ConsoleRemoveOrganizationSso($organizationId: ID!) {\n    removeOrganizationSso(organizationId: $organizationId)\n  }\n": types.ConsoleRemoveOrganizationSsoDocument,
    "\n  mutation ConsoleAddOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n    }\n  }\n": types.ConsoleAddOrganizationSsoDomainDocument,
    "\n  mutation ConsoleVerifyOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n      verifiedAt\n    }\n  }\n": types.ConsoleVerifyOrganizationSsoDomainDocument,
    "\n  mutation ConsoleRemoveOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    removeOrganizationSsoDomain(organizationId: $organizationId, domain: $domain)\n  }\n": types.ConsoleRemoveOrganizationSsoDomainDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe {\n    me {\n      id\n      email\n      displayName\n      hasPassword\n      memberships {\n        role\n        createdAt\n        organization {\n          id\n          name\n          region\n          status\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequestSignInCode($email: String!) {\n    requestSignInCode(email: $email)\n  }\n"): typeof import('./graphql').ConsoleRequestSignInCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleSignInWithCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignInWithPassword($email: String!, $password: String!) {\n    signInWithPassword(email: $email, password: $password) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleSignInWithPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartSsoSignIn($email: String!, $redirectUri: String!) {\n    startSsoSignIn(email: $email, redirectUri: $redirectUri) {\n      authorizationUrl\n      organizationId\n    }\n  }\n"): typeof import('./graphql').ConsoleStartSsoSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteSsoSignIn($organizationId: ID!, $callbackUrl: String!) {\n    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleCompleteSsoSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignOut {\n    signOut\n  }\n"): typeof import('./graphql').ConsoleSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateOrganization($name: String!) {\n    createOrganization(name: $name) {\n      id\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleAcceptInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizationMembers($id: ID!) {\n    organization(id: $id) {\n      id\n      members {\n        role\n        createdAt\n        user {\n          id\n          email\n          displayName\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleInviteMember(\n    $organizationId: ID!\n    $email: String!\n    $role: OrganizationRole!\n    $projectId: ID\n    $projectRole: ProjectRole\n  ) {\n    inviteMember(\n      organizationId: $organizationId\n      email: $email\n      role: $role\n      projectId: $projectId\n      projectRole: $projectRole\n    ) {\n      id\n      email\n      role\n      projectRole\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ConsoleInviteMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizationProjects($id: ID!) {\n    organization(id: $id) {\n      id\n      projects {\n        id\n        name\n        viewerRole\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateProject($organizationId: ID!, $name: String!) {\n    createProject(organizationId: $organizationId, name: $name) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      viewerRole\n    }\n  }\n"): typeof import('./graphql').ConsoleProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleProjectMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetProjectRole($projectId: ID!, $userId: ID!, $role: ProjectRole) {\n    setProjectRole(projectId: $projectId, userId: $userId, role: $role) {\n      role\n      user {\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSetProjectRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleChangeMemberRole($organizationId: ID!, $userId: ID!, $role: OrganizationRole!) {\n    changeMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {\n      role\n    }\n  }\n"): typeof import('./graphql').ConsoleChangeMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveMember($organizationId: ID!, $userId: ID!) {\n    removeMember(organizationId: $organizationId, userId: $userId)\n  }\n"): typeof import('./graphql').ConsoleRemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeUserSessions($organizationId: ID!, $userId: ID!) {\n    revokeUserSessions(organizationId: $organizationId, userId: $userId)\n  }\n"): typeof import('./graphql').ConsoleRevokeUserSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMemberSignInAttempts($organizationId: ID!, $userId: ID!, $after: String) {\n    memberSignInAttempts(organizationId: $organizationId, userId: $userId, first: 25, after: $after) {\n      edges {\n        node {\n          id\n          email\n          method\n          outcome\n          ip\n          userAgent\n          deviceType\n          occurredAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleMemberSignInAttemptsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditEvents($organizationId: ID!, $filter: AuditEventFilter, $after: String) {\n    auditEvents(organizationId: $organizationId, filter: $filter, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          sequence\n          occurredAt\n          action\n          outcome\n          actor {\n            type\n            id\n            ip\n            deviceType\n          }\n          target {\n            type\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleAuditEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditChain($organizationId: ID!) {\n    auditChain(organizationId: $organizationId) {\n      valid\n      events\n      brokenAt\n      breakReason\n      headSequence\n    }\n  }\n"): typeof import('./graphql').ConsoleAuditChainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApiKeys($organizationId: ID!) {\n    apiKeys(organizationId: $organizationId) {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateApiKey(\n    $organizationId: ID!\n    $name: String!\n    $scopes: [String!]!\n    $expiresAt: DateTime\n  ) {\n    createApiKey(organizationId: $organizationId, name: $name, scopes: $scopes, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        id\n        prefix\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleRevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequestDataExport($subject: SubjectInput!) {\n    requestDataExport(subject: $subject) {\n      id\n      status\n      progress\n    }\n  }\n"): typeof import('./graphql').ConsoleRequestDataExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDataExport($id: ID!) {\n    dataExport(id: $id) {\n      id\n      status\n      progress\n      requestedAt\n      completedAt\n      downloadUrl\n      sizeBytes\n      sha256\n    }\n  }\n"): typeof import('./graphql').ConsoleDataExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyAccount {\n    me {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        deviceType\n        current\n        revokedAt\n      }\n      signInAttempts(first: 25) {\n        edges {\n          node {\n            id\n            method\n            outcome\n            ip\n            userAgent\n            deviceType\n            occurredAt\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleMyAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleRevokeSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequestDeletion($subject: SubjectInput!, $reason: String!) {\n    requestDeletion(subject: $subject, reason: $reason) {\n      id\n      status\n      scheduledFor\n    }\n  }\n"): typeof import('./graphql').ConsoleRequestDeletionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDeletionRequests {\n    deletionRequests {\n      id\n      organizationId\n      userId\n      status\n      origin\n      reason\n      requestedAt\n      scheduledFor\n      completedAt\n      certificate {\n        id\n        issuedAt\n        document\n        signature\n        keyId\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleDeletionRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelDeletion($id: ID!) {\n    cancelDeletion(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleCancelDeletionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizationLifecycle($id: ID!) {\n    organization(id: $id) {\n      id\n      status\n      contractEndsAt\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationLifecycleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {\n    setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {\n      id\n      legalHold {\n        reason\n        since\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSetLegalHoldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleEndContract($organizationId: ID!, $endsAt: DateTime!) {\n    endContract(organizationId: $organizationId, endsAt: $endsAt) {\n      id\n      status\n      contractEndsAt\n    }\n  }\n"): typeof import('./graphql').ConsoleEndContractDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleRetentionPolicy($organizationId: ID!) {\n    retentionPolicy(organizationId: $organizationId) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleRetentionPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {\n    setRetentionPolicy(organizationId: $organizationId, rules: $rules) {\n      category\n      keepFor\n      isDefault\n      minimum\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSetRetentionPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleVerifyCertificate($document: String!, $signature: String!) {\n    verifyDestructionCertificate(document: $document, signature: $signature) {\n      valid\n      keyId\n      reason\n    }\n  }\n"): typeof import('./graphql').ConsoleVerifyCertificateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteSignInWithTotp($challenge: String!, $code: String!) {\n    completeSignInWithTotp(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleCompleteSignInWithTotpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteSignInWithRecoveryCode($challenge: String!, $code: String!) {\n    completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleCompleteSignInWithRecoveryCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSecondFactors {\n    me {\n      id\n      secondFactors {\n        totp\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n        backedUp\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSecondFactorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartTotpEnrolment {\n    startTotpEnrolment {\n      secret\n      uri\n      qrCodeDataUrl\n    }\n  }\n"): typeof import('./graphql').ConsoleStartTotpEnrolmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) {\n      codes\n    }\n  }\n"): typeof import('./graphql').ConsoleConfirmTotpEnrolmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveTotp {\n    removeTotp\n  }\n"): typeof import('./graphql').ConsoleRemoveTotpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRegenerateRecoveryCodes {\n    regenerateRecoveryCodes {\n      codes\n    }\n  }\n"): typeof import('./graphql').ConsoleRegenerateRecoveryCodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n"): typeof import('./graphql').ConsoleRemovePasskeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStepUpWithTotp($code: String!) {\n    stepUpWithTotp(code: $code) {\n      id\n    }\n  }\n"): typeof import('./graphql').ConsoleStepUpWithTotpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStepUpWithRecoveryCode($code: String!) {\n    stepUpWithRecoveryCode(code: $code) {\n      id\n    }\n  }\n"): typeof import('./graphql').ConsoleStepUpWithRecoveryCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStepUpWithPassword($password: String!) {\n    stepUpWithPassword(password: $password) {\n      id\n    }\n  }\n"): typeof import('./graphql').ConsoleStepUpWithPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStepUpWithEmailCode($code: String!) {\n    stepUpWithEmailCode(code: $code) {\n      id\n    }\n  }\n"): typeof import('./graphql').ConsoleStepUpWithEmailCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSignInPolicy($organizationId: ID!) {\n    signInPolicy(organizationId: $organizationId) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSignInPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetSignInPolicy($organizationId: ID!, $policy: SignInPolicyInput!) {\n    setSignInPolicy(organizationId: $organizationId, policy: $policy) {\n      organizationId\n      secondFactor\n      allowedMethods\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSetSignInPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartPasskeyRegistration {\n    startPasskeyRegistration {\n      options\n    }\n  }\n"): typeof import('./graphql').ConsoleStartPasskeyRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompletePasskeyRegistration($name: String!, $response: String!) {\n    completePasskeyRegistration(name: $name, response: $response) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ConsoleCompletePasskeyRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartSignInChallengePasskey($challenge: String!) {\n    startSignInChallengePasskey(challenge: $challenge) {\n      ceremonyId\n      options\n    }\n  }\n"): typeof import('./graphql').ConsoleStartSignInChallengePasskeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCompleteSignInWithPasskey($challenge: String!, $ceremonyId: ID!, $response: String!) {\n    completeSignInWithPasskey(challenge: $challenge, ceremonyId: $ceremonyId, response: $response) {\n      token\n    }\n  }\n"): typeof import('./graphql').ConsoleCompleteSignInWithPasskeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizationSso($organizationId: ID!) {\n    organizationSso(organizationId: $organizationId) {\n      organizationId\n      issuer\n      clientId\n      hasClientSecret\n      updatedAt\n      domains {\n        domain\n        verificationRecordName\n        verificationRecordValue\n        verifiedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationSsoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetOrganizationSso(\n    $organizationId: ID!\n    $issuer: String!\n    $clientId: String!\n    $clientSecret: String\n  ) {\n    setOrganizationSso(\n      organizationId: $organizationId\n      issuer: $issuer\n      clientId: $clientId\n      clientSecret: $clientSecret\n    ) {\n      organizationId\n    }\n  }\n"): typeof import('./graphql').ConsoleSetOrganizationSsoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveOrganizationSso($organizationId: ID!) {\n    removeOrganizationSso(organizationId: $organizationId)\n  }\n"): typeof import('./graphql').ConsoleRemoveOrganizationSsoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n    }\n  }\n"): typeof import('./graphql').ConsoleAddOrganizationSsoDomainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleVerifyOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {\n      domain\n      verifiedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleVerifyOrganizationSsoDomainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveOrganizationSsoDomain($organizationId: ID!, $domain: String!) {\n    removeOrganizationSsoDomain(organizationId: $organizationId, domain: $domain)\n  }\n"): typeof import('./graphql').ConsoleRemoveOrganizationSsoDomainDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
