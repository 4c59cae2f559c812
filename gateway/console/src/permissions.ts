// What the console offers, derived from the person's role in the organization (their membership,
// from `me`), the way the graph's permission rules decide it: an action the role may not take is
// not shown. The graph still decides; a forced call is refused and the refusal shown in words.
export type OrganizationRole = 'ADMIN' | 'MEMBER';

export type Action =
  | 'members:read'
  | 'members:invite'
  | 'members:change-role'
  | 'members:remove'
  | 'sessions:end-member'
  | 'sign-in-activity:read'
  | 'audit:read'
  | 'api-keys:manage'
  | 'data:export-organization'
  | 'data:delete-organization'
  | 'legal-hold:set'
  | 'contract:end'
  | 'retention:set'
  | 'sign-in-policy:set';

const ADMIN_ONLY: readonly Action[] = [
  'members:read',
  'members:invite',
  'members:change-role',
  'members:remove',
  'sessions:end-member',
  'sign-in-activity:read',
  'audit:read',
  'api-keys:manage',
  'data:export-organization',
  'data:delete-organization',
  'legal-hold:set',
  'contract:end',
  'retention:set',
  'sign-in-policy:set',
];

/**
 * The graph operations each action sends: test/console-permissions.test.ts holds them against the
 * permission matrix (test/support/permission-matrix), so an action is offered to a role exactly
 * when the matrix allows that role those operations.
 */
export const OPERATIONS_OF: Record<Action, readonly string[]> = {
  'members:read': ['organization.members'],
  'members:invite': ['inviteMember'],
  'members:change-role': ['changeMemberRole'],
  'members:remove': ['removeMember'],
  'sessions:end-member': ['revokeUserSessions'],
  'sign-in-activity:read': ['memberSignInAttempts'],
  'audit:read': ['auditEvents', 'auditChain'],
  'api-keys:manage': ['apiKeys', 'createApiKey', 'revokeApiKey'],
  'data:export-organization': ['requestDataExport'],
  'data:delete-organization': ['requestDeletion', 'cancelDeletion'],
  'legal-hold:set': ['setLegalHold'],
  'contract:end': ['endContract'],
  'retention:set': ['retentionPolicy', 'setRetentionPolicy'],
  'sign-in-policy:set': ['signInPolicy', 'setSignInPolicy'],
};

/**
 * Operations offered to anyone signed in, about themselves or open to all: sign-in and out, the
 * person's organizations, sessions and data, invitations, certificates, second factors and step-ups.
 */
export const SELF_SERVICE_OPERATIONS: readonly string[] = [
  'requestSignInCode',
  'signInWithCode',
  'signInWithPassword',
  'signOut',
  'me',
  'createOrganization',
  'acceptInvitation',
  'revokeSession',
  'requestDataExport',
  'dataExport',
  'requestDeletion',
  'deletionRequests',
  'organization',
  'verifyDestructionCertificate',
  'completeSignInWithTotp',
  'completeSignInWithRecoveryCode',
  'startSignInChallengePasskey',
  'completeSignInWithPasskey',
  'startTotpEnrolment',
  'confirmTotpEnrolment',
  'removeTotp',
  'regenerateRecoveryCodes',
  'startPasskeyRegistration',
  'completePasskeyRegistration',
  'removePasskey',
  'stepUpWithTotp',
  'stepUpWithRecoveryCode',
  'stepUpWithPassword',
  'stepUpWithEmailCode',
];

/** True when a member with `role` may take `action` in the organization. */
export const may = (role: OrganizationRole | null, action: Action): boolean =>
  role === 'ADMIN' && ADMIN_ONLY.includes(action);
