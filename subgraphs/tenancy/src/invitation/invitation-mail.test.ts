import { describe, expect, it } from '@jest/globals';
import { Invitation } from './invitation.entity.ts';
import { invitationMail } from './invitation-mail.ts';
import { hashInvitationToken, newInvitationToken } from './invitation-token.ts';

const invitation = Object.assign(new Invitation(), {
  email: 'ada@example.com',
  role: 'MEMBER' as const,
  projectRole: 'EDITOR' as const,
  expiresAt: new Date('2026-11-28T12:00:00Z'),
});

describe('invitationMail', () => {
  it('carries the token, the role, the expiry and, when configured, a link', () => {
    const mail = invitationMail({
      invitation,
      token: 'tok',
      organizationName: 'Acme',
      projectName: 'Apollo',
      inviteBaseUrl: 'https://app.example.com/invitations',
    });
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'You are invited to Acme on Steward' });
    expect(mail.text).toContain('as MEMBER, and EDITOR of its project "Apollo"');
    expect(mail.text).toContain('https://app.example.com/invitations?token=tok');
    expect(mail.text).toContain('Invitation token: tok');
    expect(mail.text).toContain('2026-11-28T12:00:00.000Z');
  });

  it('names the mutation when there is no accept page', () => {
    const mail = invitationMail({ invitation, token: 'tok', organizationName: 'Acme', projectName: null });
    expect(mail.text).toContain('acceptInvitation');
    expect(mail.text).not.toContain('project');
  });
});

describe('invitation tokens', () => {
  it('are 256 random bits, stored as their SHA-256', () => {
    const token = newInvitationToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newInvitationToken()).not.toBe(token);
    expect(hashInvitationToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
