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
  | 'retention:set';

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
];

/** True when a member with `role` may take `action` in the organization. */
export const may = (role: OrganizationRole | null, action: Action): boolean =>
  role === 'ADMIN' && ADMIN_ONLY.includes(action);
