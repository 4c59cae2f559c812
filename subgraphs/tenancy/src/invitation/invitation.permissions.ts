import { isUser } from '../../../runtime/rules.ts';
import { rule, type IRules } from '../../../runtime/shield.ts';
import { isOrganizationAdmin } from '../access.ts';
import type { TenancyContext } from '../context.ts';
import { onArgumentOrganization } from '../rules.ts';
import type { Invitation } from './invitation.entity.ts';

const isAdminOfInvitationOrganization = rule({ cache: 'no_cache' })(
  (invitation: Invitation, _args, ctx: TenancyContext) =>
    isOrganizationAdmin(ctx.principal, invitation.organizationId),
);

export const invitationPermissions: IRules = {
  Mutation: {
    inviteMember: onArgumentOrganization(isOrganizationAdmin),
    // Signed in; the resolver admits only the account of the invited address (FORBIDDEN otherwise).
    acceptInvitation: isUser,
  },
  Invitation: { '*': isAdminOfInvitationOrganization },
};
