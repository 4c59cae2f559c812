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
  | 'sign-in-policy:set'
  | 'projects:read'
  | 'projects:create'
  | 'sso:manage';

/** A person's role in one project: an organization's admin is an editor of every project. */
export type ProjectRole = 'EDITOR' | 'PARTICIPANT';

export type ProjectAction = 'project-members:read' | 'project-participants:manage' | 'project-editors:manage';

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
  'projects:create',
  'sso:manage',
];

/** Actions open to every member of the organization, whatever their role. */
const ANY_MEMBER: readonly Action[] = ['projects:read'];

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
  'projects:read': ['organization.projects', 'project'],
  'projects:create': ['createProject'],
  'sso:manage': [
    'organizationSso',
    'setOrganizationSso',
    'removeOrganizationSso',
    'addOrganizationSsoDomain',
    'verifyOrganizationSsoDomain',
    'removeOrganizationSsoDomain',
  ],
};

/** The same for actions within one project, decided by the person's role in that project. */
export const PROJECT_OPERATIONS_OF: Record<ProjectAction, readonly string[]> = {
  'project-members:read': ['project.members'],
  'project-participants:manage': ['setProjectRole'],
  'project-editors:manage': ['setProjectRole'],
};

/**
 * Actions offered to fewer roles than their operations' matrix rows allow, and why: the row asks
 * with one set of arguments, the action sends others that the graph narrows further.
 */
export const NARROWER_THAN_ROW: Partial<Record<Action | ProjectAction, string>> = {
  'project-editors:manage':
    "the matrix's setProjectRole row gives PARTICIPANT; giving or taking EDITOR is the organization admins' alone",
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
  'startSsoSignIn',
  'completeSsoSignIn',
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
  role !== null && (ANY_MEMBER.includes(action) || (role === 'ADMIN' && ADMIN_ONLY.includes(action)));

/**
 * True when someone with `organizationRole` in the organization and `projectRole` in the project
 * (the project's viewerRole, from the graph) may take `action` in that project.
 */
export function mayInProject(
  organizationRole: OrganizationRole | null,
  projectRole: ProjectRole | null,
  action: ProjectAction,
): boolean {
  if (organizationRole === 'ADMIN') return true;
  if (organizationRole === null || projectRole !== 'EDITOR') return false;
  // An editor manages the project's participants, never its editors (theirs included).
  return action !== 'project-editors:manage';
}
