import { allow, type IRules } from '../../../kit/shield.ts';

// Open to anyone; the resolver itself refuses it in production.
export const devSignInPermissions: IRules = { Mutation: { devSignIn: allow } };
