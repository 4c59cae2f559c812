/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
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


export type SessionPrincipalQuery = { sessionPrincipal: { userId: string, sessionId: string, expiresAt: string, operator: boolean } | null };

export type UserEmailsQueryVariables = Exact<{
  userIds: Array<string | number> | string | number;
}>;


export type UserEmailsQuery = { userEmails: Array<{ userId: string, email: string }> };
