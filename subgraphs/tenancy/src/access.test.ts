import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../../platform/principal.ts';
import {
  canCreateProject,
  canReadMembers,
  canReadOrganization,
  canReadProjectMembers,
  canSeeProject,
  canSetProjectRole,
  isOrganizationAdmin,
  projectRoleOf,
  withMembership,
} from './access.ts';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const alpha = { id: '00000000-0000-4000-8000-0000000000a1', organizationId: orgA };
const beta = { id: '00000000-0000-4000-8000-0000000000a2', organizationId: orgA };
const gamma = { id: '00000000-0000-4000-8000-0000000000b1', organizationId: orgB };

const user = (memberships: Extract<Principal, { kind: 'user' }>['memberships']): Principal => ({
  kind: 'user',
  userId: 'u1',
  memberships,
});
const admin = user([{ organizationId: orgA, role: 'ADMIN', projects: [] }]);
const editor = user([
  { organizationId: orgA, role: 'MEMBER', projects: [{ projectId: alpha.id, role: 'EDITOR' }] },
]);
const participant = user([
  { organizationId: orgA, role: 'MEMBER', projects: [{ projectId: alpha.id, role: 'PARTICIPANT' }] },
]);
const partner = (scopes: string[]): Principal => ({
  kind: 'apiKey',
  keyId: 'k1',
  organizationId: orgA,
  scopes,
});

describe('organization access', () => {
  it('lets members and projects:read partner keys of the organization read it, nobody else', () => {
    expect(canReadOrganization(admin, orgA)).toBe(true);
    expect(canReadOrganization(participant, orgA)).toBe(true);
    expect(canReadOrganization(partner(['projects:read']), orgA)).toBe(true);
    expect(canReadOrganization(partner(['audit:read']), orgA)).toBe(false);
    expect(canReadOrganization(admin, orgB)).toBe(false);
    expect(canReadOrganization({ kind: 'anonymous' }, orgA)).toBe(false);
    expect(canReadOrganization({ kind: 'system', service: 'gateway' }, orgA)).toBe(false);
  });

  it('knows admins only from an ADMIN claim of that organization', () => {
    expect(isOrganizationAdmin(admin, orgA)).toBe(true);
    expect(isOrganizationAdmin(admin, orgB)).toBe(false);
    expect(isOrganizationAdmin(editor, orgA)).toBe(false);
    expect(isOrganizationAdmin(partner(['projects:read']), orgA)).toBe(false);
  });
});

describe('project access', () => {
  it('makes an admin an editor of every project of the organization', () => {
    expect(projectRoleOf(admin, alpha)).toBe('EDITOR');
    expect(projectRoleOf(admin, beta)).toBe('EDITOR');
    expect(projectRoleOf(admin, gamma)).toBeNull();
  });

  it('shows members only the projects they belong to', () => {
    expect(canSeeProject(participant, alpha)).toBe(true);
    expect(canSeeProject(participant, beta)).toBe(false);
    expect(canSeeProject(partner(['projects:read']), beta)).toBe(true);
    expect(canSeeProject(partner(['projects:read']), gamma)).toBe(false);
  });

  it("lets admins and the project's editors read its members, not participants or partners", () => {
    expect(canReadProjectMembers(admin, beta)).toBe(true);
    expect(canReadProjectMembers(editor, alpha)).toBe(true);
    expect(canReadProjectMembers(editor, beta)).toBe(false);
    expect(canReadProjectMembers(participant, alpha)).toBe(false);
    expect(canReadProjectMembers(partner(['projects:read']), alpha)).toBe(false);
  });
});

describe('partner keys', () => {
  it('read the organization with any tenancy scope; members only with members:read', () => {
    expect(canReadOrganization(partner(['members:read']), orgA)).toBe(true);
    expect(canReadOrganization(partner(['projects:write']), orgA)).toBe(true);
    expect(canReadMembers(partner(['members:read']), orgA)).toBe(true);
    expect(canReadMembers(partner(['projects:read']), orgA)).toBe(false);
    expect(canReadMembers(partner(['members:read']), orgB)).toBe(false);
    expect(canReadMembers(admin, orgA)).toBe(true);
    expect(canReadMembers(editor, orgA)).toBe(false);
  });

  it('create projects with projects:write only, and see what they wrote', () => {
    expect(canCreateProject(partner(['projects:write']), orgA)).toBe(true);
    expect(canCreateProject(partner(['projects:read']), orgA)).toBe(false);
    expect(canCreateProject(partner(['projects:write']), orgB)).toBe(false);
    expect(canSeeProject(partner(['projects:write']), beta)).toBe(true);
    expect(canSeeProject(partner(['members:read']), beta)).toBe(false);
  });
});

describe('canSetProjectRole', () => {
  const change = (from: 'EDITOR' | 'PARTICIPANT' | null, to: 'EDITOR' | 'PARTICIPANT' | null) => ({
    from,
    to,
  });

  it('lets an admin set any role in any project of the organization', () => {
    expect(canSetProjectRole(admin, beta, change('EDITOR', null))).toBe(true);
    expect(canSetProjectRole(admin, beta, change(null, 'EDITOR'))).toBe(true);
    expect(canSetProjectRole(admin, gamma, change(null, 'PARTICIPANT'))).toBe(false);
  });

  it("lets an editor manage the project's participants, never an EDITOR role", () => {
    expect(canSetProjectRole(editor, alpha, change(null, 'PARTICIPANT'))).toBe(true);
    expect(canSetProjectRole(editor, alpha, change('PARTICIPANT', null))).toBe(true);
    expect(canSetProjectRole(editor, alpha, change(null, 'EDITOR'))).toBe(false);
    expect(canSetProjectRole(editor, alpha, change('EDITOR', 'PARTICIPANT'))).toBe(false);
    expect(canSetProjectRole(editor, beta, change(null, 'PARTICIPANT'))).toBe(false);
    expect(canSetProjectRole(participant, alpha, change(null, 'PARTICIPANT'))).toBe(false);
    expect(canSetProjectRole(partner(['projects:write']), alpha, change(null, 'PARTICIPANT'))).toBe(false);
  });
});

describe('withMembership', () => {
  it('adds (or replaces) the claim of an organization the request created, for users only', () => {
    const created = { organizationId: orgB, role: 'ADMIN' as const, projects: [] };
    expect(withMembership(admin, created)).toMatchObject({
      memberships: [{ organizationId: orgA, role: 'ADMIN' }, created],
    });
    expect(isOrganizationAdmin(withMembership(participant, { ...created, organizationId: orgA }), orgA)).toBe(
      true,
    );
    expect(withMembership(partner([]), created)).toEqual(partner([]));
  });
});
