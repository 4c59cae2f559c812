/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Who in an organization must give a second factor. */
export type SecondFactorRequirement =
  | 'ADMINS'
  | 'EVERYONE'
  | 'NONE';

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

export type AccountEmailQueryVariables = Exact<{
  userId: string | number;
}>;


export type AccountEmailQuery = { accountEmail: string | null };

export type ApiKeyPrincipalQueryVariables = Exact<{
  secret: string;
}>;


export type ApiKeyPrincipalQuery = { apiKeyPrincipal: { keyId: string, organizationId: string, scopes: Array<string>, expiresAt: string | null } | null };

export type SessionPrincipalQueryVariables = Exact<{
  token: string;
}>;


export type SessionPrincipalQuery = { sessionPrincipal: { userId: string, sessionId: string, expiresAt: string, authenticatedAt: string, authenticationMethods: Array<SignInMethod>, operator: boolean } | null };

export type SignInPolicyClaimsQueryVariables = Exact<{
  organizationIds: Array<string | number> | string | number;
}>;


export type SignInPolicyClaimsQuery = { signInPolicyClaims: Array<{ organizationId: string, secondFactor: SecondFactorRequirement, allowedMethods: Array<string> | null }> };

export type UserEmailsQueryVariables = Exact<{
  userIds: Array<string | number> | string | number;
}>;


export type UserEmailsQuery = { userEmails: Array<{ userId: string, email: string }> };
