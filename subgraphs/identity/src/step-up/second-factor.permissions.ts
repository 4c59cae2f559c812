import { isUser } from '../../../runtime/rules.ts';
import { allow, type IRules } from '../../../runtime/shield.ts';
import { isSelfUser } from '../user/user.permissions.ts';

/**
 * Second factors and step-up act on the signed-in person's own account only (the resolvers take
 * the user from the principal, never from an argument). Completing a sign-in is open to anyone
 * holding a challenge, behind the brute-force limits, like signing in.
 */
export const secondFactorPermissions: IRules = {
  Mutation: {
    startTotpEnrolment: isUser,
    confirmTotpEnrolment: isUser,
    removeTotp: isUser,
    regenerateRecoveryCodes: isUser,
    completeSignInWithTotp: allow,
    completeSignInWithRecoveryCode: allow,
    startSignInChallengePasskey: allow,
    completeSignInWithPasskey: allow,
    startPasskeyStepUp: isUser,
    stepUpWithPasskey: isUser,
    stepUpWithTotp: isUser,
    stepUpWithRecoveryCode: isUser,
    stepUpWithPassword: isUser,
    stepUpWithEmailCode: isUser,
  },
  User: { secondFactors: isSelfUser },
  TotpEnrolment: { secret: isUser, uri: isUser, qrCodeDataUrl: isUser },
  RecoveryCodes: { codes: isUser },
  SecondFactors: { totp: isUser, recoveryCodesLeft: isUser },
};
