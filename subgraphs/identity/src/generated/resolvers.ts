import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { User as UserEntity } from '../user/user.entity.ts';
import type { Session as SessionEntity } from '../session/session.entity.ts';
import type { ApiKey as ApiKeyEntity } from '../api-key/api-key.entity.ts';
import type { OrganizationSso as OrganizationSsoEntity, OrganizationSsoDomain as OrganizationSsoDomainEntity } from '../organization-sso/organization-sso.entity.ts';
import type { SignInAttempt as SignInAttemptEntity } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import type { Passkey as PasskeyEntity } from '../passkey/passkey.entity.ts';
import type { SessionPrincipalSource as SessionPrincipalSourceEntity } from '../operator/session-principal-source.ts';
import type { IdentityContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date | string; output: Date | string; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<Scalars['ID']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  organizationId: Scalars['ID']['output'];
  /** The first characters of the secret, to recognise a key; the secret itself is stored hashed. */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<Scalars['String']['output']>;
};

export type ApiKeyPrincipal = {
  __typename?: 'ApiKeyPrincipal';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  keyId: Scalars['ID']['output'];
  organizationId: Scalars['ID']['output'];
  scopes: Array<Scalars['String']['output']>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** Shown once: store it now. */
  secret: Scalars['String']['output'];
};

export type DestroyStrategy =
  | 'ANONYMIZE'
  | 'ERASE'
  | 'SHRED';

export type DeviceType =
  | 'BOT'
  | 'DESKTOP'
  | 'MOBILE'
  | 'TABLET'
  | 'UNKNOWN';

/** A member's session as an organization's admin sees it (the same rows as Session). */
export type MemberSession = {
  __typename?: 'MemberSession';
  authenticatedAt: Scalars['DateTime']['output'];
  authenticationMethods: Array<SignInMethod>;
  createdAt: Scalars['DateTime']['output'];
  deviceType: DeviceType;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  lastSeenAt: Scalars['DateTime']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  userAgent?: Maybe<Scalars['String']['output']>;
  userId: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** An organization ADMIN adds an email domain; its people sign in through the provider once it is verified. */
  addOrganizationSsoDomain: OrganizationSsoDomain;
  /** Completes it with the URL the provider redirected the browser to. */
  completeOidcSignIn: SignIn;
  /**
   * Completes it with the browser's answer (the credential as JSON) and a name for the passkey.
   * An expired or used challenge: UNAUTHENTICATED, extensions.reason PASSKEY_CHALLENGE_EXPIRED.
   */
  completePasskeyRegistration: Passkey;
  /** …then the answer (the PublicKeyCredential as JSON text) finishes the sign-in. */
  completeSignInWithPasskey: SignIn;
  /** The same with a recovery code (each works once). */
  completeSignInWithRecoveryCode: SignIn;
  /**
   * Finishes a sign-in that answered UNAUTHENTICATED with extensions.reason SECOND_FACTOR_REQUIRED:
   * the extensions.challenge it carried and a code of the authenticator app. Only the client (IP and
   * user agent) the challenge was handed to completes it; elsewhere it is CHALLENGE_EXPIRED.
   */
  completeSignInWithTotp: SignIn;
  /** Completes it with the URL the organization's provider redirected the browser to. */
  completeSsoSignIn: SignIn;
  /**
   * Confirms the enrolment with a code from the app: from now on signing in asks for it. Answers ten
   * recovery codes, shown once. The current session counts as authenticated with the app.
   */
  confirmTotpEnrolment: RecoveryCodes;
  /** An organization ADMIN creates a partner API key; its secret is in the answer once and never again. */
  createApiKey: CreatedApiKey;
  /** Development only (refused when NODE_ENV=production): signs in as the user with this email, creating it if needed. */
  devSignIn: SignIn;
  /** Operators only: makes the user with this address (who signed in once) an operator too. True when it changed something. */
  grantOperator: Scalars['Boolean']['output'];
  /** Ten new recovery codes, shown once; the old ones stop working. Needs a step-up. */
  regenerateRecoveryCodes: RecoveryCodes;
  /** An organization ADMIN removes its single sign-on and its domains. */
  removeOrganizationSso: Scalars['Boolean']['output'];
  removeOrganizationSsoDomain: Scalars['Boolean']['output'];
  /**
   * Removes one of the signed-in user's passkeys; needs a sign-in within the last minutes (else
   * FORBIDDEN, extensions.reason REAUTHENTICATION_REQUIRED).
   */
  removePasskey: Scalars['Boolean']['output'];
  /** Removes the authenticator app and the recovery codes. Needs a step-up (FORBIDDEN, reason STEP_UP_REQUIRED). */
  removeTotp: Scalars['Boolean']['output'];
  /** Renames one of the signed-in user's passkeys. */
  renamePasskey: Passkey;
  /**
   * Sends a 6-digit sign-in code by email. The answer is the same whether the email is known or not.
   * Limited per address and hour; a request soon after the last mail sends nothing (that code still works).
   */
  requestSignInCode: Scalars['Boolean']['output'];
  revokeApiKey: ApiKey;
  /** An organization ADMIN ends one session of a member: that device is refused from its next request, the others go on. */
  revokeMemberSession: MemberSession;
  /** Operators only: ends a granted operator's role (one named in STEWARD_OPERATORS is CONFLICT). True when it changed something. */
  revokeOperator: Scalars['Boolean']['output'];
  /** Ends one of the signed-in user's sessions. */
  revokeSession: Session;
  /** An organization ADMIN ends every session of a member; returns how many were ended. */
  revokeUserSessions: Scalars['Int']['output'];
  /**
   * An organization ADMIN sets its OpenID Connect provider for single sign-on. The client secret is
   * stored sealed and never returned; left out, the stored one is kept.
   */
  setOrganizationSso: OrganizationSso;
  /**
   * Sets the signed-in user's password: changing one needs the current one; setting the first needs a
   * sign-in within the last minutes (else FORBIDDEN, extensions.reason REAUTHENTICATION_REQUIRED).
   * A person with a second factor needs a step-up besides (FORBIDDEN, reason STEP_UP_REQUIRED).
   * Ends the user's other sessions.
   */
  setPassword: Scalars['Boolean']['output'];
  /**
   * An organization ADMIN sets its sign-in policy: a second factor required of its admins or of
   * every member, and the sign-in methods allowed (null: any). Enforced by the gateway on every
   * request touching the organization (FORBIDDEN, extensions.reason SECOND_FACTOR_REQUIRED or
   * SIGN_IN_METHOD_NOT_ALLOWED). Needs a step-up; refused (CONFLICT, reason POLICY_EXCLUDES_YOU)
   * when it would refuse the admin's own session.
   */
  setSignInPolicy: SignInPolicy;
  /** Signs in with the emailed code; the first sign-in creates the user. */
  signInWithCode: SignIn;
  /**
   * Signs in with the browser's answer (the credential as JSON) to the ceremony. Behind the same
   * brute-force limits as codes and passwords. A refused answer: UNAUTHENTICATED with extensions.reason
   * PASSKEY_CHALLENGE_EXPIRED (start again) or PASSKEY_REFUSED; a passkey of no account: NOT_FOUND.
   */
  signInWithPasskey: SignIn;
  signInWithPassword: SignIn;
  /** Ends the current session. */
  signOut: Scalars['Boolean']['output'];
  /** Starts an OpenID Connect sign-in (authorization code with PKCE); send the browser to authorizationUrl. */
  startOidcSignIn: OidcAuthorization;
  /**
   * Starts registering a passkey for the signed-in user: give `options` (JSON) to
   * navigator.credentials.create() (e.g. @simplewebauthn/browser's startRegistration), within `expiresAt`.
   * Needs a step-up (FORBIDDEN, reason STEP_UP_REQUIRED): a passkey signs in and steps up.
   */
  startPasskeyRegistration: PasskeyRegistrationStart;
  /**
   * Starts a passwordless sign-in with a passkey: give `options` (JSON) to navigator.credentials.get().
   * With an email, only that account's passkeys are accepted; the answer is the same for any address.
   */
  startPasskeySignIn: PasskeySignInStart;
  /** A passkey step-up: the options listing the signed-in person's passkeys, then their answer. */
  startPasskeyStepUp: PasskeySignInStart;
  /** A passkey's answer to a challenge naming PASSKEY in extensions.factors: first the options for navigator.credentials.get()… */
  startSignInChallengePasskey: PasskeySignInStart;
  /**
   * Starts single sign-on for an address of a domain an organization verified: send the browser to
   * authorizationUrl. No organization signs in the address: BAD_USER_INPUT, reason SSO_NOT_CONFIGURED.
   */
  startSsoSignIn: SsoAuthorization;
  /**
   * Starts enrolling an authenticator app (TOTP): the secret is in this answer once, as text, an
   * otpauth URI and a QR code. Confirm with a first code. CONFLICT (reason TOTP_ENROLLED) when one is.
   * Needs a step-up (FORBIDDEN, reason STEP_UP_REQUIRED): a new factor is one to step up with.
   */
  startTotpEnrolment: TotpEnrolment;
  /** A code mailed by requestSignInCode to the account's own address; for accounts without a second factor only. */
  stepUpWithEmailCode: Session;
  stepUpWithPasskey: Session;
  /** For accounts without a second factor only (FORBIDDEN, reason STEP_UP_METHOD_NOT_ALLOWED, otherwise). */
  stepUpWithPassword: Session;
  stepUpWithRecoveryCode: Session;
  /**
   * Step-up: proves again who holds this session, so that sensitive operations (export, deletion,
   * API keys, sign-in policy, factor removal) go through for the next minutes. Answers the session.
   */
  stepUpWithTotp: Session;
  /** An organization ADMIN lifts a member's sign-in lock (too many failed tries). */
  unlockMember: Scalars['Boolean']['output'];
  /**
   * Verifies a domain by its DNS TXT record (verificationRecordName = verificationRecordValue). Not found:
   * BAD_USER_INPUT with reason DOMAIN_NOT_VERIFIED; verified by another organization: CONFLICT.
   */
  verifyOrganizationSsoDomain: OrganizationSsoDomain;
};


export type MutationAddOrganizationSsoDomainArgs = {
  domain: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationCompleteOidcSignInArgs = {
  callbackUrl: Scalars['String']['input'];
  provider: Scalars['String']['input'];
};


export type MutationCompletePasskeyRegistrationArgs = {
  name: Scalars['String']['input'];
  response: Scalars['String']['input'];
};


export type MutationCompleteSignInWithPasskeyArgs = {
  ceremonyId: Scalars['ID']['input'];
  challenge: Scalars['String']['input'];
  response: Scalars['String']['input'];
};


export type MutationCompleteSignInWithRecoveryCodeArgs = {
  challenge: Scalars['String']['input'];
  code: Scalars['String']['input'];
};


export type MutationCompleteSignInWithTotpArgs = {
  challenge: Scalars['String']['input'];
  code: Scalars['String']['input'];
};


export type MutationCompleteSsoSignInArgs = {
  callbackUrl: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationConfirmTotpEnrolmentArgs = {
  code: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
  scopes: Array<Scalars['String']['input']>;
};


export type MutationDevSignInArgs = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
};


export type MutationGrantOperatorArgs = {
  email: Scalars['String']['input'];
};


export type MutationRemoveOrganizationSsoArgs = {
  organizationId: Scalars['ID']['input'];
};


export type MutationRemoveOrganizationSsoDomainArgs = {
  domain: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationRemovePasskeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRenamePasskeyArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationRequestSignInCodeArgs = {
  email: Scalars['String']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeMemberSessionArgs = {
  organizationId: Scalars['ID']['input'];
  sessionId: Scalars['ID']['input'];
};


export type MutationRevokeOperatorArgs = {
  email: Scalars['String']['input'];
};


export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeUserSessionsArgs = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationSetOrganizationSsoArgs = {
  clientId: Scalars['String']['input'];
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  issuer: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationSetPasswordArgs = {
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  newPassword: Scalars['String']['input'];
};


export type MutationSetSignInPolicyArgs = {
  organizationId: Scalars['ID']['input'];
  policy: SignInPolicyInput;
};


export type MutationSignInWithCodeArgs = {
  code: Scalars['String']['input'];
  email: Scalars['String']['input'];
};


export type MutationSignInWithPasskeyArgs = {
  ceremonyId: Scalars['ID']['input'];
  response: Scalars['String']['input'];
};


export type MutationSignInWithPasswordArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationStartOidcSignInArgs = {
  provider: Scalars['String']['input'];
  redirectUri: Scalars['String']['input'];
};


export type MutationStartPasskeySignInArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
};


export type MutationStartSignInChallengePasskeyArgs = {
  challenge: Scalars['String']['input'];
};


export type MutationStartSsoSignInArgs = {
  email: Scalars['String']['input'];
  redirectUri: Scalars['String']['input'];
};


export type MutationStepUpWithEmailCodeArgs = {
  code: Scalars['String']['input'];
};


export type MutationStepUpWithPasskeyArgs = {
  ceremonyId: Scalars['ID']['input'];
  response: Scalars['String']['input'];
};


export type MutationStepUpWithPasswordArgs = {
  password: Scalars['String']['input'];
};


export type MutationStepUpWithRecoveryCodeArgs = {
  code: Scalars['String']['input'];
};


export type MutationStepUpWithTotpArgs = {
  code: Scalars['String']['input'];
};


export type MutationUnlockMemberArgs = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationVerifyOrganizationSsoDomainArgs = {
  domain: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};

export type OidcAuthorization = {
  __typename?: 'OidcAuthorization';
  authorizationUrl: Scalars['String']['output'];
  state: Scalars['String']['output'];
};

export type OidcProvider = {
  __typename?: 'OidcProvider';
  id: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** An organization's own OpenID Connect provider: its people of the verified domains sign in through it. */
export type OrganizationSso = {
  __typename?: 'OrganizationSso';
  clientId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  domains: Array<OrganizationSsoDomain>;
  /** Whether a client secret is stored (it is never returned). */
  hasClientSecret: Scalars['Boolean']['output'];
  issuer: Scalars['String']['output'];
  organizationId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type OrganizationSsoDomain = {
  __typename?: 'OrganizationSsoDomain';
  createdAt: Scalars['DateTime']['output'];
  domain: Scalars['String']['output'];
  organizationId: Scalars['ID']['output'];
  /** The TXT record to publish to prove the domain: its name… */
  verificationRecordName: Scalars['String']['output'];
  /** …and its value. */
  verificationRecordValue: Scalars['String']['output'];
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A passkey of the user's. Exported with its name and times; its credential id and public key are
 * not exported (they are the authenticator's handle and public half of a key pair made for this site
 * only: nothing about the person, and of no use anywhere else), and are erased with it.
 */
export type Passkey = {
  __typename?: 'Passkey';
  /** Whether the passkey is synced (backed up) by its provider, so it may exist on several devices. */
  backedUp: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
};

export type PasskeyRegistrationStart = {
  __typename?: 'PasskeyRegistrationStart';
  expiresAt: Scalars['DateTime']['output'];
  /** PublicKeyCredentialCreationOptionsJSON, as text. */
  options: Scalars['String']['output'];
};

export type PasskeySignInStart = {
  __typename?: 'PasskeySignInStart';
  /** Send it back with the answer. */
  ceremonyId: Scalars['ID']['output'];
  expiresAt: Scalars['DateTime']['output'];
  /** PublicKeyCredentialRequestOptionsJSON, as text. */
  options: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Internal: the email address of an account, for tenancy (invitations are bound to it). Never public. */
  accountEmail?: Maybe<Scalars['String']['output']>;
  /** Internal: resolves an API key secret for the gateway. Never part of the public graph. */
  apiKeyPrincipal?: Maybe<ApiKeyPrincipal>;
  /** The API keys of an organization, for its admins. */
  apiKeys: Array<ApiKey>;
  /** The signed-in user, or null for an anonymous request. */
  me?: Maybe<User>;
  /** A member's sessions (device, IP, times), for an ADMIN of an organization the member belongs to. */
  memberSessions: Array<MemberSession>;
  /** Sign-in attempts of a member, for an ADMIN of an organization the member belongs to. */
  memberSignInAttempts: SignInAttemptConnection;
  /** The OpenID Connect providers users may sign in with. */
  oidcProviders: Array<OidcProvider>;
  /**
   * The sign-in attempts of an organization's members, newest first, for its ADMINs: filtered by
   * member, outcome, method, IP and time range (from inclusive, to exclusive), a cursor page at a time.
   */
  organizationSignInAttempts: SignInAttemptConnection;
  /** An organization's single sign-on (its own OpenID Connect provider), for its admins; null when none. */
  organizationSso?: Maybe<OrganizationSso>;
  /** Internal: resolves a session token for the gateway. Never part of the public graph. */
  sessionPrincipal?: Maybe<SessionPrincipal>;
  /** An organization's sign-in policy, for its admins (the default when none was set). */
  signInPolicy: SignInPolicy;
  /** Internal: the sign-in policies of these organizations that ask more than the default, for the gateway. */
  signInPolicyClaims: Array<SignInPolicyClaim>;
  /** Internal, for lifecycle: where to mail these users (an organization's admins, about its contract). */
  userEmails: Array<UserEmail>;
};


export type QueryAccountEmailArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryApiKeyPrincipalArgs = {
  secret: Scalars['String']['input'];
};


export type QueryApiKeysArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryMemberSessionsArgs = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type QueryMemberSignInAttemptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type QueryOrganizationSignInAttemptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SignInAttemptFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryOrganizationSsoArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QuerySessionPrincipalArgs = {
  token: Scalars['String']['input'];
};


export type QuerySignInPolicyArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QuerySignInPolicyClaimsArgs = {
  organizationIds: Array<Scalars['ID']['input']>;
};


export type QueryUserEmailsArgs = {
  userIds: Array<Scalars['ID']['input']>;
};

/** Recovery codes: shown once, stored hashed, each works once instead of the app. */
export type RecoveryCodes = {
  __typename?: 'RecoveryCodes';
  codes: Array<Scalars['String']['output']>;
};

/** Who in an organization must give a second factor. */
export type SecondFactorRequirement =
  | 'ADMINS'
  | 'EVERYONE'
  | 'NONE';

/** A person's second factors (never their secrets). */
export type SecondFactors = {
  __typename?: 'SecondFactors';
  recoveryCodesLeft: Scalars['Int']['output'];
  totp: Scalars['Boolean']['output'];
};

export type Session = {
  __typename?: 'Session';
  /** When the user last proved who they are on this session; sensitive operations need it recent. */
  authenticatedAt: Scalars['DateTime']['output'];
  /** How they proved it. */
  authenticationMethods: Array<SignInMethod>;
  createdAt: Scalars['DateTime']['output'];
  current: Scalars['Boolean']['output'];
  deviceType: DeviceType;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  lastSeenAt: Scalars['DateTime']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  userAgent?: Maybe<Scalars['String']['output']>;
  userId: Scalars['ID']['output'];
};

export type SessionPrincipal = {
  __typename?: 'SessionPrincipal';
  /** When the session was last authenticated (sign-in or step-up). */
  authenticatedAt: Scalars['DateTime']['output'];
  /** How: the first factor, then any second factor or step-up. */
  authenticationMethods: Array<SignInMethod>;
  /** When the session ends unless used again (the sooner of its idle and absolute expiry). */
  expiresAt: Scalars['DateTime']['output'];
  /** Whether the user is one of the SaaS operator's staff (STEWARD_OPERATORS): operator operations only. */
  operator: Scalars['Boolean']['output'];
  sessionId: Scalars['ID']['output'];
  userId: Scalars['ID']['output'];
};

export type SignIn = {
  __typename?: 'SignIn';
  session: Session;
  token: Scalars['String']['output'];
  user: User;
};

/**
 * A sign-in attempt. When its user is deleted it is kept for security statistics, without a trace of
 * who: the user id, IP and user agent are erased and the email replaced by a stable pseudonym.
 */
export type SignInAttempt = {
  __typename?: 'SignInAttempt';
  deviceType: DeviceType;
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ip?: Maybe<Scalars['String']['output']>;
  method: SignInMethod;
  occurredAt: Scalars['DateTime']['output'];
  outcome: SignInOutcome;
  userAgent?: Maybe<Scalars['String']['output']>;
  /** The user the email belonged to at the time, if any. */
  userId?: Maybe<Scalars['ID']['output']>;
};

export type SignInAttemptConnection = {
  __typename?: 'SignInAttemptConnection';
  edges: Array<SignInAttemptEdge>;
  pageInfo: PageInfo;
};

export type SignInAttemptEdge = {
  __typename?: 'SignInAttemptEdge';
  cursor: Scalars['String']['output'];
  node: SignInAttempt;
};

export type SignInAttemptFilter = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
  method?: InputMaybe<SignInMethod>;
  outcome?: InputMaybe<SignInOutcome>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type SignInMethod =
  | 'DEVELOPMENT'
  | 'EMAIL_CODE'
  | 'OIDC'
  | 'PASSKEY'
  | 'PASSWORD'
  /** A recovery code (second factor). */
  | 'RECOVERY_CODE'
  /** Through the organization's own provider (single sign-on). */
  | 'SSO'
  /** An authenticator app's code (second factor). */
  | 'TOTP';

export type SignInOutcome =
  | 'FAILURE'
  | 'LOCKED'
  | 'SUCCESS';

/** An organization's sign-in policy. */
export type SignInPolicy = {
  __typename?: 'SignInPolicy';
  allowedMethods?: Maybe<Array<SignInMethod>>;
  organizationId: Scalars['ID']['output'];
  secondFactor: SecondFactorRequirement;
  /** Null for the default, never set. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** Internal: a policy as the gateway's principal carries it. */
export type SignInPolicyClaim = {
  __typename?: 'SignInPolicyClaim';
  allowedMethods?: Maybe<Array<Scalars['String']['output']>>;
  organizationId: Scalars['ID']['output'];
  secondFactor: SecondFactorRequirement;
};

export type SignInPolicyInput = {
  /** The first factors members may sign in with; null or absent: any. */
  allowedMethods?: InputMaybe<Array<SignInMethod>>;
  secondFactor: SecondFactorRequirement;
};

export type SsoAuthorization = {
  __typename?: 'SsoAuthorization';
  authorizationUrl: Scalars['String']['output'];
  /** Give it back to completeSsoSignIn. */
  organizationId: Scalars['ID']['output'];
  state: Scalars['String']['output'];
};

/** An authenticator app being enrolled: shown once. */
export type TotpEnrolment = {
  __typename?: 'TotpEnrolment';
  /** The URI as a QR code, an SVG data URL (image/svg+xml). */
  qrCodeDataUrl: Scalars['String']['output'];
  /** Base32, for typing into the app by hand. */
  secret: Scalars['String']['output'];
  /** otpauth://totp/… (RFC 6238 key URI). */
  uri: Scalars['String']['output'];
};

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  email: Scalars['String']['output'];
  hasPassword: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The user's passkeys, oldest first. */
  passkeys: Array<Passkey>;
  /** The person's second factors: their own only. */
  secondFactors: SecondFactors;
  sessions: Array<Session>;
  signInAttempts: SignInAttemptConnection;
};


export type UserSessionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserSignInAttemptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Internal: a user's address, for lifecycle's notices. */
export type UserEmail = {
  __typename?: 'UserEmail';
  email: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
};

export type Link__Purpose =
  | 'EXECUTION'
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApiKey: ResolverTypeWrapper<ApiKeyEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ApiKeyPrincipal: ResolverTypeWrapper<ApiKeyPrincipal>;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DestroyStrategy: DestroyStrategy;
  DeviceType: DeviceType;
  MemberSession: ResolverTypeWrapper<SessionEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  OidcAuthorization: ResolverTypeWrapper<OidcAuthorization>;
  OidcProvider: ResolverTypeWrapper<OidcProvider>;
  OrganizationSso: ResolverTypeWrapper<OrganizationSsoEntity>;
  OrganizationSsoDomain: ResolverTypeWrapper<OrganizationSsoDomainEntity>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Passkey: ResolverTypeWrapper<PasskeyEntity>;
  PasskeyRegistrationStart: ResolverTypeWrapper<PasskeyRegistrationStart>;
  PasskeySignInStart: ResolverTypeWrapper<PasskeySignInStart>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecoveryCodes: ResolverTypeWrapper<RecoveryCodes>;
  SecondFactorRequirement: SecondFactorRequirement;
  SecondFactors: ResolverTypeWrapper<SecondFactors>;
  Session: ResolverTypeWrapper<SessionEntity>;
  SessionPrincipal: ResolverTypeWrapper<SessionPrincipalSourceEntity>;
  SignIn: ResolverTypeWrapper<Omit<SignIn, 'session' | 'user'> & { session: ResolversTypes['Session'], user: ResolversTypes['User'] }>;
  SignInAttempt: ResolverTypeWrapper<SignInAttemptEntity>;
  SignInAttemptConnection: ResolverTypeWrapper<Omit<SignInAttemptConnection, 'edges'> & { edges: Array<ResolversTypes['SignInAttemptEdge']> }>;
  SignInAttemptEdge: ResolverTypeWrapper<Omit<SignInAttemptEdge, 'node'> & { node: ResolversTypes['SignInAttempt'] }>;
  SignInAttemptFilter: SignInAttemptFilter;
  SignInMethod: SignInMethod;
  SignInOutcome: SignInOutcome;
  SignInPolicy: ResolverTypeWrapper<SignInPolicy>;
  SignInPolicyClaim: ResolverTypeWrapper<SignInPolicyClaim>;
  SignInPolicyInput: SignInPolicyInput;
  SsoAuthorization: ResolverTypeWrapper<SsoAuthorization>;
  TotpEnrolment: ResolverTypeWrapper<TotpEnrolment>;
  User: ResolverTypeWrapper<UserEntity>;
  UserEmail: ResolverTypeWrapper<UserEmail>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiKey: ApiKeyEntity;
  ID: Scalars['ID']['output'];
  ApiKeyPrincipal: ApiKeyPrincipal;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  MemberSession: SessionEntity;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  OidcAuthorization: OidcAuthorization;
  OidcProvider: OidcProvider;
  OrganizationSso: OrganizationSsoEntity;
  OrganizationSsoDomain: OrganizationSsoDomainEntity;
  PageInfo: PageInfo;
  Passkey: PasskeyEntity;
  PasskeyRegistrationStart: PasskeyRegistrationStart;
  PasskeySignInStart: PasskeySignInStart;
  Query: Record<PropertyKey, never>;
  RecoveryCodes: RecoveryCodes;
  SecondFactors: SecondFactors;
  Session: SessionEntity;
  SessionPrincipal: SessionPrincipalSourceEntity;
  SignIn: Omit<SignIn, 'session' | 'user'> & { session: ResolversParentTypes['Session'], user: ResolversParentTypes['User'] };
  SignInAttempt: SignInAttemptEntity;
  SignInAttemptConnection: Omit<SignInAttemptConnection, 'edges'> & { edges: Array<ResolversParentTypes['SignInAttemptEdge']> };
  SignInAttemptEdge: Omit<SignInAttemptEdge, 'node'> & { node: ResolversParentTypes['SignInAttempt'] };
  SignInAttemptFilter: SignInAttemptFilter;
  SignInPolicy: SignInPolicy;
  SignInPolicyClaim: SignInPolicyClaim;
  SignInPolicyInput: SignInPolicyInput;
  SsoAuthorization: SsoAuthorization;
  TotpEnrolment: TotpEnrolment;
  User: UserEntity;
  UserEmail: UserEmail;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DestroyDirectiveArgs = {
  strategy: DestroyStrategy;
};

export type DestroyDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = DestroyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExportDirectiveArgs = {
  label?: Maybe<Scalars['String']['input']>;
};

export type ExportDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = ExportDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RetainDirectiveArgs = {
  for: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

export type RetainDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = RetainDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type SubjectDirectiveArgs = {
  tenant?: Maybe<Scalars['String']['input']>;
  user?: Maybe<Scalars['String']['input']>;
};

export type SubjectDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = SubjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ApiKeyResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ApiKeyPrincipalResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['ApiKeyPrincipal'] = ResolversParentTypes['ApiKeyPrincipal']> = ResolversObject<{
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CreatedApiKeyResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = ResolversObject<{
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MemberSessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MemberSession'] = ResolversParentTypes['MemberSession']> = ResolversObject<{
  authenticatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  authenticationMethods?: Resolver<Array<ResolversTypes['SignInMethod']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deviceType?: Resolver<ResolversTypes['DeviceType'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addOrganizationSsoDomain?: Resolver<ResolversTypes['OrganizationSsoDomain'], ParentType, ContextType, RequireFields<MutationAddOrganizationSsoDomainArgs, 'domain' | 'organizationId'>>;
  completeOidcSignIn?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteOidcSignInArgs, 'callbackUrl' | 'provider'>>;
  completePasskeyRegistration?: Resolver<ResolversTypes['Passkey'], ParentType, ContextType, RequireFields<MutationCompletePasskeyRegistrationArgs, 'name' | 'response'>>;
  completeSignInWithPasskey?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteSignInWithPasskeyArgs, 'ceremonyId' | 'challenge' | 'response'>>;
  completeSignInWithRecoveryCode?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteSignInWithRecoveryCodeArgs, 'challenge' | 'code'>>;
  completeSignInWithTotp?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteSignInWithTotpArgs, 'challenge' | 'code'>>;
  completeSsoSignIn?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteSsoSignInArgs, 'callbackUrl' | 'organizationId'>>;
  confirmTotpEnrolment?: Resolver<ResolversTypes['RecoveryCodes'], ParentType, ContextType, RequireFields<MutationConfirmTotpEnrolmentArgs, 'code'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'organizationId' | 'scopes'>>;
  devSignIn?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationDevSignInArgs, 'email'>>;
  grantOperator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationGrantOperatorArgs, 'email'>>;
  regenerateRecoveryCodes?: Resolver<ResolversTypes['RecoveryCodes'], ParentType, ContextType>;
  removeOrganizationSso?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveOrganizationSsoArgs, 'organizationId'>>;
  removeOrganizationSsoDomain?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveOrganizationSsoDomainArgs, 'domain' | 'organizationId'>>;
  removePasskey?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemovePasskeyArgs, 'id'>>;
  removeTotp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  renamePasskey?: Resolver<ResolversTypes['Passkey'], ParentType, ContextType, RequireFields<MutationRenamePasskeyArgs, 'id' | 'name'>>;
  requestSignInCode?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestSignInCodeArgs, 'email'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  revokeMemberSession?: Resolver<ResolversTypes['MemberSession'], ParentType, ContextType, RequireFields<MutationRevokeMemberSessionArgs, 'organizationId' | 'sessionId'>>;
  revokeOperator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeOperatorArgs, 'email'>>;
  revokeSession?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  revokeUserSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationRevokeUserSessionsArgs, 'organizationId' | 'userId'>>;
  setOrganizationSso?: Resolver<ResolversTypes['OrganizationSso'], ParentType, ContextType, RequireFields<MutationSetOrganizationSsoArgs, 'clientId' | 'issuer' | 'organizationId'>>;
  setPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSetPasswordArgs, 'newPassword'>>;
  setSignInPolicy?: Resolver<ResolversTypes['SignInPolicy'], ParentType, ContextType, RequireFields<MutationSetSignInPolicyArgs, 'organizationId' | 'policy'>>;
  signInWithCode?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationSignInWithCodeArgs, 'code' | 'email'>>;
  signInWithPasskey?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationSignInWithPasskeyArgs, 'ceremonyId' | 'response'>>;
  signInWithPassword?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationSignInWithPasswordArgs, 'email' | 'password'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startOidcSignIn?: Resolver<ResolversTypes['OidcAuthorization'], ParentType, ContextType, RequireFields<MutationStartOidcSignInArgs, 'provider' | 'redirectUri'>>;
  startPasskeyRegistration?: Resolver<ResolversTypes['PasskeyRegistrationStart'], ParentType, ContextType>;
  startPasskeySignIn?: Resolver<ResolversTypes['PasskeySignInStart'], ParentType, ContextType, Partial<MutationStartPasskeySignInArgs>>;
  startPasskeyStepUp?: Resolver<ResolversTypes['PasskeySignInStart'], ParentType, ContextType>;
  startSignInChallengePasskey?: Resolver<ResolversTypes['PasskeySignInStart'], ParentType, ContextType, RequireFields<MutationStartSignInChallengePasskeyArgs, 'challenge'>>;
  startSsoSignIn?: Resolver<ResolversTypes['SsoAuthorization'], ParentType, ContextType, RequireFields<MutationStartSsoSignInArgs, 'email' | 'redirectUri'>>;
  startTotpEnrolment?: Resolver<ResolversTypes['TotpEnrolment'], ParentType, ContextType>;
  stepUpWithEmailCode?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStepUpWithEmailCodeArgs, 'code'>>;
  stepUpWithPasskey?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStepUpWithPasskeyArgs, 'ceremonyId' | 'response'>>;
  stepUpWithPassword?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStepUpWithPasswordArgs, 'password'>>;
  stepUpWithRecoveryCode?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStepUpWithRecoveryCodeArgs, 'code'>>;
  stepUpWithTotp?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStepUpWithTotpArgs, 'code'>>;
  unlockMember?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUnlockMemberArgs, 'organizationId' | 'userId'>>;
  verifyOrganizationSsoDomain?: Resolver<ResolversTypes['OrganizationSsoDomain'], ParentType, ContextType, RequireFields<MutationVerifyOrganizationSsoDomainArgs, 'domain' | 'organizationId'>>;
}>;

export type OidcAuthorizationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcAuthorization'] = ResolversParentTypes['OidcAuthorization']> = ResolversObject<{
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OidcProviderResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcProvider'] = ResolversParentTypes['OidcProvider']> = ResolversObject<{
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OrganizationSsoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OrganizationSso'] = ResolversParentTypes['OrganizationSso']> = ResolversObject<{
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  domains?: Resolver<Array<ResolversTypes['OrganizationSsoDomain']>, ParentType, ContextType>;
  hasClientSecret?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type OrganizationSsoDomainResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OrganizationSsoDomain'] = ResolversParentTypes['OrganizationSsoDomain']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  verificationRecordName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verificationRecordValue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PasskeyResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Passkey'] = ResolversParentTypes['Passkey']> = ResolversObject<{
  backedUp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PasskeyRegistrationStartResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PasskeyRegistrationStart'] = ResolversParentTypes['PasskeyRegistrationStart']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  options?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PasskeySignInStartResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PasskeySignInStart'] = ResolversParentTypes['PasskeySignInStart']> = ResolversObject<{
  ceremonyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  options?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  accountEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<QueryAccountEmailArgs, 'userId'>>;
  apiKeyPrincipal?: Resolver<Maybe<ResolversTypes['ApiKeyPrincipal']>, ParentType, ContextType, RequireFields<QueryApiKeyPrincipalArgs, 'secret'>>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'organizationId'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  memberSessions?: Resolver<Array<ResolversTypes['MemberSession']>, ParentType, ContextType, RequireFields<QueryMemberSessionsArgs, 'organizationId' | 'userId'>>;
  memberSignInAttempts?: Resolver<ResolversTypes['SignInAttemptConnection'], ParentType, ContextType, RequireFields<QueryMemberSignInAttemptsArgs, 'organizationId' | 'userId'>>;
  oidcProviders?: Resolver<Array<ResolversTypes['OidcProvider']>, ParentType, ContextType>;
  organizationSignInAttempts?: Resolver<ResolversTypes['SignInAttemptConnection'], ParentType, ContextType, RequireFields<QueryOrganizationSignInAttemptsArgs, 'organizationId'>>;
  organizationSso?: Resolver<Maybe<ResolversTypes['OrganizationSso']>, ParentType, ContextType, RequireFields<QueryOrganizationSsoArgs, 'organizationId'>>;
  sessionPrincipal?: Resolver<Maybe<ResolversTypes['SessionPrincipal']>, ParentType, ContextType, RequireFields<QuerySessionPrincipalArgs, 'token'>>;
  signInPolicy?: Resolver<ResolversTypes['SignInPolicy'], ParentType, ContextType, RequireFields<QuerySignInPolicyArgs, 'organizationId'>>;
  signInPolicyClaims?: Resolver<Array<ResolversTypes['SignInPolicyClaim']>, ParentType, ContextType, RequireFields<QuerySignInPolicyClaimsArgs, 'organizationIds'>>;
  userEmails?: Resolver<Array<ResolversTypes['UserEmail']>, ParentType, ContextType, RequireFields<QueryUserEmailsArgs, 'userIds'>>;
}>;

export type RecoveryCodesResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RecoveryCodes'] = ResolversParentTypes['RecoveryCodes']> = ResolversObject<{
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type SecondFactorsResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SecondFactors'] = ResolversParentTypes['SecondFactors']> = ResolversObject<{
  recoveryCodesLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type SessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = ResolversObject<{
  authenticatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  authenticationMethods?: Resolver<Array<ResolversTypes['SignInMethod']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  deviceType?: Resolver<ResolversTypes['DeviceType'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SessionPrincipalResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SessionPrincipal'] = ResolversParentTypes['SessionPrincipal']> = ResolversObject<{
  authenticatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  authenticationMethods?: Resolver<Array<ResolversTypes['SignInMethod']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SignInResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignIn'] = ResolversParentTypes['SignIn']> = ResolversObject<{
  session?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type SignInAttemptResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInAttempt'] = ResolversParentTypes['SignInAttempt']> = ResolversObject<{
  deviceType?: Resolver<ResolversTypes['DeviceType'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['SignInMethod'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['SignInOutcome'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type SignInAttemptConnectionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInAttemptConnection'] = ResolversParentTypes['SignInAttemptConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SignInAttemptEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type SignInAttemptEdgeResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInAttemptEdge'] = ResolversParentTypes['SignInAttemptEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SignInAttempt'], ParentType, ContextType>;
}>;

export type SignInPolicyResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInPolicy'] = ResolversParentTypes['SignInPolicy']> = ResolversObject<{
  allowedMethods?: Resolver<Maybe<Array<ResolversTypes['SignInMethod']>>, ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  secondFactor?: Resolver<ResolversTypes['SecondFactorRequirement'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type SignInPolicyClaimResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInPolicyClaim'] = ResolversParentTypes['SignInPolicyClaim']> = ResolversObject<{
  allowedMethods?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  secondFactor?: Resolver<ResolversTypes['SecondFactorRequirement'], ParentType, ContextType>;
}>;

export type SsoAuthorizationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SsoAuthorization'] = ResolversParentTypes['SsoAuthorization']> = ResolversObject<{
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TotpEnrolmentResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TotpEnrolment'] = ResolversParentTypes['TotpEnrolment']> = ResolversObject<{
  qrCodeDataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hasPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  passkeys?: Resolver<Array<ResolversTypes['Passkey']>, ParentType, ContextType>;
  secondFactors?: Resolver<ResolversTypes['SecondFactors'], ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType, Partial<UserSessionsArgs>>;
  signInAttempts?: Resolver<ResolversTypes['SignInAttemptConnection'], ParentType, ContextType, Partial<UserSignInAttemptsArgs>>;
}>;

export type UserEmailResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UserEmail'] = ResolversParentTypes['UserEmail']> = ResolversObject<{
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = IdentityContext> = ResolversObject<{
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyPrincipal?: ApiKeyPrincipalResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  MemberSession?: MemberSessionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OidcAuthorization?: OidcAuthorizationResolvers<ContextType>;
  OidcProvider?: OidcProviderResolvers<ContextType>;
  OrganizationSso?: OrganizationSsoResolvers<ContextType>;
  OrganizationSsoDomain?: OrganizationSsoDomainResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Passkey?: PasskeyResolvers<ContextType>;
  PasskeyRegistrationStart?: PasskeyRegistrationStartResolvers<ContextType>;
  PasskeySignInStart?: PasskeySignInStartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecoveryCodes?: RecoveryCodesResolvers<ContextType>;
  SecondFactors?: SecondFactorsResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SessionPrincipal?: SessionPrincipalResolvers<ContextType>;
  SignIn?: SignInResolvers<ContextType>;
  SignInAttempt?: SignInAttemptResolvers<ContextType>;
  SignInAttemptConnection?: SignInAttemptConnectionResolvers<ContextType>;
  SignInAttemptEdge?: SignInAttemptEdgeResolvers<ContextType>;
  SignInPolicy?: SignInPolicyResolvers<ContextType>;
  SignInPolicyClaim?: SignInPolicyClaimResolvers<ContextType>;
  SsoAuthorization?: SsoAuthorizationResolvers<ContextType>;
  TotpEnrolment?: TotpEnrolmentResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserEmail?: UserEmailResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = IdentityContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  destroy?: DestroyDirectiveResolver<any, any, ContextType>;
  export?: ExportDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  retain?: RetainDirectiveResolver<any, any, ContextType>;
  subject?: SubjectDirectiveResolver<any, any, ContextType>;
}>;
