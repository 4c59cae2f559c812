import { allow, type IRules } from '../../../runtime/shield.ts';
import { isAdminOfArgumentOrganization } from '../api-key/api-key.permissions.ts';

// An organization's ADMINs, about its members (the resolvers check membership: NOT_FOUND else).
export const memberSessionPermissions: IRules = {
  Query: {
    memberSessions: isAdminOfArgumentOrganization,
    organizationSignInAttempts: isAdminOfArgumentOrganization,
  },
  Mutation: {
    revokeMemberSession: isAdminOfArgumentOrganization,
    unlockMember: isAdminOfArgumentOrganization,
  },
  // Reachable only through the fields above.
  MemberSession: { '*': allow },
};
