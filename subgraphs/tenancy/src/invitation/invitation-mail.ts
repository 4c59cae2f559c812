import type { Mail } from '../../../runtime/mailer.ts';
import type { Invitation } from './invitation.entity.ts';

export interface InvitationMailInput {
  invitation: Invitation;
  token: string;
  organizationName: string;
  projectName: string | null;
  /** The front end's accept page; without one, the mail names the mutation to call. */
  inviteBaseUrl?: string;
}

/** The invitation as mailed: the token, how to use it, and until when. */
export function invitationMail(input: InvitationMailInput): Mail {
  const { invitation, token } = input;
  const project =
    input.projectName && invitation.projectRole
      ? `, and ${invitation.projectRole} of its project "${input.projectName}"`
      : '';
  const link = input.inviteBaseUrl
    ? `${input.inviteBaseUrl}${input.inviteBaseUrl.includes('?') ? '&' : '?'}token=${token}`
    : null;
  return {
    to: invitation.email,
    organizationId: invitation.organizationId,
    subject: `You are invited to ${input.organizationName} on Steward`,
    text: [
      `You have been invited to join "${input.organizationName}" on Steward as ${invitation.role}${project}.`,
      '',
      `To accept, sign in with this address (${invitation.email}) and ` +
        (link ? `open:\n  ${link}` : 'accept the invitation with the token below (acceptInvitation).'),
      '',
      `Invitation token: ${token}`,
      '',
      `The invitation expires at ${invitation.expiresAt.toISOString()} and can be used once.`,
      'If you did not expect it, ignore this message.',
    ].join('\n'),
  };
}
