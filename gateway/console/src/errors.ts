import { GraphQLRequestError } from './client.ts';

// What a refusal means, in words: the graph's coded errors (extensions.code, and extensions.reason
// where a code has several causes) mapped to sentences a person can act on.
const BY_REASON: Record<string, string> = {
  REAUTHENTICATION_REQUIRED: 'This action needs a recent sign-in. Sign out, sign in again, then retry.',
  LAST_ADMIN: 'An organization must keep at least one admin. Make another member an admin first.',
  LEGAL_HOLD: 'A legal hold is set on this organization: deletion is blocked until the hold is lifted.',
  DELETION_PENDING: 'A deletion is already scheduled for this subject.',
  SECOND_FACTOR_REQUIRED: 'This organization requires a second factor: enrol one in your profile.',
  SIGN_IN_METHOD_NOT_ALLOWED:
    'This organization does not allow the way you signed in. Sign out, then sign in another way.',
  STEP_UP_REQUIRED: 'This action needs a recent sign-in: confirm it is you, then retry.',
  STEP_UP_METHOD_NOT_ALLOWED: 'That is not a way to confirm it is you for this account.',
  INVALID_CODE: 'That code is not right, or was already used. Check it, then retry.',
  CHALLENGE_EXPIRED: 'This sign-in took too long. Start again.',
  TOTP_ENROLLED: 'An authenticator app is already enrolled. Remove it first to enrol another.',
  SSO_NOT_CONFIGURED:
    'No organization signs in this address with single sign-on. Sign in with a code or a password.',
  POLICY_EXCLUDES_YOU:
    'This policy would refuse your own session. Enrol a second factor, or keep a method you signed in with.',
};

const BY_CODE: Record<string, string> = {
  SIGN_IN_REFUSED: 'Sign-in refused',
  UNAUTHENTICATED: 'You are not signed in, or your session has ended. Sign in again.',
  FORBIDDEN: 'Your role does not allow this action. Only an admin of the organization may do it.',
  NOT_FOUND: 'Not found: it does not exist, or it is not visible to you.',
  BAD_USER_INPUT: 'Some of what you entered was not accepted',
  BAD_REQUEST: 'The request was not accepted',
  CONFLICT: 'This conflicts with the current state',
  RATE_LIMITED: 'Too many requests. Wait a moment, then retry.',
  SERVICE_UNAVAILABLE: 'Steward is temporarily unavailable. Retry in a moment.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Retry; if it persists, tell your operator.',
  NETWORK: 'The gateway could not be reached. Check your connection, then retry.',
};

/** Codes whose server message is safe and useful to show after the sentence (what was wrong). */
const WITH_DETAIL = new Set(['SIGN_IN_REFUSED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'CONFLICT']);

/** The sentence for an error thrown by an operation. */
export function explain(error: unknown): string {
  if (!(error instanceof GraphQLRequestError)) return BY_CODE.INTERNAL_SERVER_ERROR!;
  const byReason = error.reason ? BY_REASON[error.reason] : undefined;
  if (byReason) return byReason;
  const sentence = BY_CODE[error.code] ?? BY_CODE.INTERNAL_SERVER_ERROR!;
  return WITH_DETAIL.has(error.code) && error.message ? `${sentence}: ${error.message}` : sentence;
}
