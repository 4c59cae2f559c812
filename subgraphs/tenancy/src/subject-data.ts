import type { SubjectDataDeclaration } from '../../kit/lifecycle/subject-data.ts';
import { OrganizationSchema } from './organization/organization.entity.ts';
import { ProjectSchema } from './project/project.entity.ts';
import { MembershipSchema } from './membership/membership.entity.ts';
import { ProjectMembershipSchema } from './membership/project-membership.entity.ts';
import { InvitationSchema } from './invitation/invitation.entity.ts';

/** Where tenancy's `@subject` types are stored, and its subject tables no type exposes. */
export const tenancySubjectData: SubjectDataDeclaration = {
  schema: 'tenancy',
  types: {
    Organization: { entity: OrganizationSchema },
    Project: { entity: ProjectSchema },
    Membership: { entity: MembershipSchema },
    ProjectMembership: { entity: ProjectMembershipSchema },
    Invitation: { entity: InvitationSchema },
  },
  unexposed: [
    {
      table: 'audit_outbox',
      strategy: 'ERASE',
      subject: 'organization_id',
      reason: 'Audit events awaiting delivery',
    },
  ],
};
