/**
 * Identity's mutations that check a secret or issue a session (identity owns them; the gateway
 * allows each once per operation, so aliases cannot multiply guesses). test/sign-in-mutations.test.ts
 * checks the list against identity's schema and permissions.
 */
export const SIGN_IN_MUTATIONS: ReadonlySet<string> = new Set([
  'requestSignInCode',
  'signInWithCode',
  'signInWithPassword',
  'setPassword',
  'startOidcSignIn',
  'completeOidcSignIn',
  'startSsoSignIn',
  'completeSsoSignIn',
  'devSignIn',
  'startPasskeySignIn',
  'signInWithPasskey',
  // Second factors and step-up: each checks a guessable code or password.
  'confirmTotpEnrolment',
  'completeSignInWithTotp',
  'completeSignInWithRecoveryCode',
  'stepUpWithTotp',
  'stepUpWithRecoveryCode',
  'stepUpWithPassword',
  'stepUpWithEmailCode',
  'startSignInChallengePasskey',
  'completeSignInWithPasskey',
  'stepUpWithPasskey',
]);
