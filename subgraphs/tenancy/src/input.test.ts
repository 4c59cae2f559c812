import { describe, expect, it } from '@jest/globals';
import {
  AcceptInvitationInput,
  CreateOrganizationInput,
  DEFAULT_REGION,
  EndContractInput,
  InviteMemberInput,
  parseInput,
} from './input.ts';

describe('CreateOrganizationInput', () => {
  it('trims the name and defaults the region', () => {
    expect(parseInput(CreateOrganizationInput, { name: '  Acme ', region: null })).toEqual({
      name: 'Acme',
      region: DEFAULT_REGION,
    });
    expect(parseInput(CreateOrganizationInput, { name: 'Acme', region: ' US-East ' }).region).toBe('us-east');
  });

  it('answers BAD_USER_INPUT naming the field', () => {
    expect(() => parseInput(CreateOrganizationInput, { name: '   ' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } }),
    );
    expect(() => parseInput(CreateOrganizationInput, { name: 'Acme', region: 'mars; drop table' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'region' } }),
    );
  });
});

describe('InviteMemberInput', () => {
  const base = { organizationId: 'o', email: ' Ada@Example.COM ', role: 'MEMBER' };

  it('normalises the email and makes a project invitation a participant by default', () => {
    expect(parseInput(InviteMemberInput, { ...base, projectId: 'p', projectRole: null })).toEqual({
      organizationId: 'o',
      email: 'ada@example.com',
      role: 'MEMBER',
      project: { id: 'p', role: 'PARTICIPANT' },
    });
    expect(parseInput(InviteMemberInput, base).project).toBeNull();
  });

  it('refuses a malformed email, and a project role without a project', () => {
    for (const email of ['not an email', '', 'a@', `${'x'.repeat(250)}@example.com`]) {
      expect(() => parseInput(InviteMemberInput, { ...base, email })).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'email' }),
        }),
      );
    }
    expect(() => parseInput(InviteMemberInput, { ...base, projectRole: 'EDITOR' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'projectRole' } }),
    );
  });
});

describe('AcceptInvitationInput and EndContractInput', () => {
  it('bound the token and parse the date', () => {
    expect(() => parseInput(AcceptInvitationInput, { token: 'x'.repeat(201) })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'token' } }),
    );
    expect(
      parseInput(EndContractInput, { organizationId: 'o', endsAt: '2027-01-31T00:00:00Z' }).endsAt,
    ).toEqual(new Date('2027-01-31T00:00:00Z'));
    expect(() => parseInput(EndContractInput, { organizationId: 'o', endsAt: 'soon' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } }),
    );
  });
});
