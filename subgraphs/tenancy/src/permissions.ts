import { mergeTypeMaps } from '../../runtime/merge.ts';
import type { IRules } from '../../runtime/shield.ts';
import { organizationPermissions } from './organization/organization.permissions.ts';
import { projectPermissions } from './project/project.permissions.ts';
import { membershipPermissions } from './membership/membership.permissions.ts';
import { invitationPermissions } from './invitation/invitation.permissions.ts';

/** Every field has a rule in its domain folder; anything else is denied by the runtime's fallback. */
export const tenancyPermissions: IRules = mergeTypeMaps<IRules>(
  organizationPermissions,
  projectPermissions,
  membershipPermissions,
  invitationPermissions,
);
