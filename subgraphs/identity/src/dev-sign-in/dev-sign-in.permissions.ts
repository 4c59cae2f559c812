import { allow, type IRules } from '../../../runtime/shield.ts';

// Open to anyone; the resolver itself refuses it in production.
export const devSignInPermissions: IRules = { Mutation: { devSignIn: allow } };
