import { forbidden } from '../../../../platform/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { withMembership } from '../access.ts';
import { recordTenancyEvent } from '../audit.ts';
import { AcceptInvitationInput, InviteMemberInput, parseInput } from '../input.ts';
import type { TenancyOptions } from '../options.ts';
import { invitationMail } from './invitation-mail.ts';
import { accountEmailOf } from './identity-client.ts';
import { acceptInvitation, createInvitation } from './invitation.repository.ts';
import { openName, organizationNamePlace, projectNamePlace } from '../sealed-names.ts';

export function createInvitationResolvers(options: TenancyOptions): Resolvers {
  return {
    Mutation: {
      inviteMember: async (_parent, args, ctx) => {
        const input = parseInput(InviteMemberInput, args);
        const invitedBy = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
        const created = await createInvitation(
          ctx.em,
          { ...input, invitedBy, now: options.now() },
          options.invitationLimits,
        );
        const { invitation } = created;
        await recordTenancyEvent(ctx, {
          action: 'tenancy.member.invited',
          organizationId: invitation.organizationId,
          target: { type: 'Invitation', id: invitation.id },
          metadata: {
            email: invitation.email,
            role: invitation.role,
            projectId: invitation.projectId ?? null,
            projectRole: invitation.projectRole ?? null,
            replaced: created.replaced,
          },
        });
        // Last: a failure before this point sends nothing. A commit failing after it leaves a
        // mailed token that matches no invitation, which is harmless.
        await options.mailer.send(
          invitationMail({
            invitation,
            token: created.token,
            organizationName: await openName(
              ctx.sealer,
              created.organization.name,
              organizationNamePlace(created.organization.id),
            ),
            projectName: created.project
              ? await openName(ctx.sealer, created.project.name, projectNamePlace(created.project.id))
              : null,
            inviteBaseUrl: options.inviteBaseUrl,
          }),
        );
        return invitation;
      },
      acceptInvitation: async (_parent, args, ctx) => {
        if (ctx.principal.kind !== 'user') throw forbidden();
        const { token } = parseInput(AcceptInvitationInput, args);
        const { invitation, membership } = await acceptInvitation(ctx.em, ctx.tx, {
          token,
          userId: ctx.principal.userId,
          accountEmail: await accountEmailOf(ctx, ctx.principal.userId),
          now: options.now(),
        });
        // What this request just joined may be read in the rest of it.
        ctx.principal = withMembership(ctx.principal, {
          organizationId: membership.organizationId,
          role: membership.role,
          projects:
            invitation.projectId && invitation.projectRole
              ? [{ projectId: invitation.projectId, role: invitation.projectRole }]
              : [],
        });
        await recordTenancyEvent(ctx, {
          action: 'tenancy.invitation.accepted',
          organizationId: membership.organizationId,
          target: { type: 'Invitation', id: invitation.id },
          metadata: {
            userId: membership.userId,
            role: membership.role,
            projectId: invitation.projectId ?? null,
          },
        });
        return membership;
      },
    },
  };
}
