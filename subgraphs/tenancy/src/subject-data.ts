import { announceUsersHook, type DestroyOptions } from '../../protocols/subject-data/destroy-route.ts';
import {
  AUDIT_OUTBOX_TABLE,
  DESTRUCTION_PROGRESS_TABLE,
  type SubjectDataDeclaration,
} from '../../protocols/subject-data/subject-data.ts';
import { OrganizationSchema } from './organization/organization.entity.ts';
import { ProjectSchema } from './project/project.entity.ts';
import { MembershipSchema } from './membership/membership.entity.ts';
import { ProjectMembershipSchema } from './membership/project-membership.entity.ts';
import { InvitationSchema } from './invitation/invitation.entity.ts';

/**
 * Where tenancy's `@subject` types are stored, and its subject tables no type exposes. Deletion
 * runs in this order: an organization's dependants before the organization (foreign keys cascade).
 */
export const tenancySubjectData: SubjectDataDeclaration = {
  schema: 'tenancy',
  types: {
    ProjectMembership: { entity: ProjectMembershipSchema },
    Membership: { entity: MembershipSchema },
    Invitation: { entity: InvitationSchema },
    Project: { entity: ProjectSchema },
    Organization: { entity: OrganizationSchema },
  },
  unexposed: [AUDIT_OUTBOX_TABLE, DESTRUCTION_PROGRESS_TABLE],
};

/** A removed membership changes its user's principal on every gateway when the batch commits. */
export const tenancyDestroyOptions: DestroyOptions = {
  tenantIdsOfUser: async (em, userId) => {
    const rows = await em.execute<{ organization_id: string }[]>(
      'select organization_id from tenancy.organizations_of_user(?)',
      [userId],
    );
    return rows.map((row) => row.organization_id);
  },
  hooks: {
    Membership: announceUsersHook('user_id'),
  },
};
