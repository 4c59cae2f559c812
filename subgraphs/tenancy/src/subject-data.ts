import { announceUsersHook, type DestroyOptions } from '../../protocols/subject-data/destroy-route.ts';
import {
  AUDIT_OUTBOX_TABLE,
  DESTRUCTION_PROGRESS_TABLE,
  type SubjectDataDeclaration,
} from '../../protocols/subject-data/subject-data.ts';
import type { Mailer } from '../../runtime/mailer.ts';
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
    // Beside those they accepted, the ones to the same address (replaced, or not yet accepted).
    Invitation: {
      entity: InvitationSchema,
      alsoOfUser:
        'accepted_by is null and lower(email) in (select lower(i.email) from tenancy.invitations i where i.accepted_by = ?)',
    },
    // Names sealed under the organization's key (sealed-names.ts).
    Project: { entity: ProjectSchema, sealed: ['name'] },
    Organization: { entity: OrganizationSchema, sealed: ['name'] },
  },
  unexposed: [AUDIT_OUTBOX_TABLE, DESTRUCTION_PROGRESS_TABLE],
};

/**
 * A removed membership changes its user's principal on every gateway when the batch commits. The
 * mails kept (the development mailbox) about a deleted organization, or sent to a deleted user's
 * address with an invitation, go with them.
 */
export const tenancyDestroyOptions = (mailer: Mailer): DestroyOptions => ({
  tenantIdsOfUser: async (em, userId) => {
    const rows = await em.execute<{ organization_id: string }[]>(
      'select organization_id from tenancy.organizations_of_user(?)',
      [userId],
    );
    return rows.map((row) => row.organization_id);
  },
  hooks: {
    Membership: announceUsersHook('user_id'),
    Invitation: {
      returning: 'email',
      after: async (_em, subject, rows) => {
        if (subject.userId === undefined) return;
        for (const address of new Set(rows.map((row) => row.email!))) await mailer.forget({ address });
      },
    },
    Organization: {
      after: async (_em, _subject, rows) => {
        for (const row of rows) await mailer.forget({ organizationId: row.key! });
      },
    },
  },
});
