import { isGateway } from '../../../runtime/rules.ts';
import { allow, type IRules } from '../../../runtime/shield.ts';
import { isAdminOfArgumentOrganization } from '../api-key/api-key.permissions.ts';

// An organization's policy is its admins' (members learn it from the refusal's reason); the
// gateway reads the claims of a user's organizations when it builds their principal.
export const signInPolicyPermissions: IRules = {
  Query: { signInPolicy: isAdminOfArgumentOrganization, signInPolicyClaims: isGateway },
  Mutation: { setSignInPolicy: isAdminOfArgumentOrganization },
  // Reachable only from the two fields above, which only an admin of the organization gets past.
  SignInPolicy: { '*': allow },
  SignInPolicyClaim: { '*': isGateway },
};
