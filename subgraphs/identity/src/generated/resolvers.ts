import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { User as UserEntity } from '../user/user.entity.ts';
import type { Session as SessionEntity } from '../session/session.entity.ts';
import type { ApiKey as ApiKeyEntity } from '../api-key/api-key.entity.ts';
import type { SignInAttempt as SignInAttemptEntity } from '../sign-in-attempt/sign-in-attempt.entity.ts';
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Completes it with the URL the provider redirected the browser to. */
  completeOidcSignIn: SignIn;
  /** An organization ADMIN creates a partner API key; its secret is in the answer once and never again. */
  createApiKey: CreatedApiKey;
  /** Development only (refused when NODE_ENV=production): signs in as the user with this email, creating it if needed. */
  devSignIn: SignIn;
  /** Operators only: makes the user with this address (who signed in once) an operator too. True when it changed something. */
  grantOperator: Scalars['Boolean']['output'];
  /**
   * Sends a 6-digit sign-in code by email. The answer is the same whether the email is known or not.
   * Limited per address and hour; a request soon after the last mail sends nothing (that code still works).
   */
  requestSignInCode: Scalars['Boolean']['output'];
  revokeApiKey: ApiKey;
  /** Operators only: ends a granted operator's role (one named in STEWARD_OPERATORS is CONFLICT). True when it changed something. */
  revokeOperator: Scalars['Boolean']['output'];
  /** Ends one of the signed-in user's sessions. */
  revokeSession: Session;
  /** An organization ADMIN ends every session of a member; returns how many were ended. */
  revokeUserSessions: Scalars['Int']['output'];
  /**
   * Sets the signed-in user's password: changing one needs the current one; setting the first needs a
   * sign-in within the last minutes (else FORBIDDEN, extensions.reason REAUTHENTICATION_REQUIRED).
   * Ends the user's other sessions.
   */
  setPassword: Scalars['Boolean']['output'];
  /** Signs in with the emailed code; the first sign-in creates the user. */
  signInWithCode: SignIn;
  signInWithPassword: SignIn;
  /** Ends the current session. */
  signOut: Scalars['Boolean']['output'];
  /** Starts an OpenID Connect sign-in (authorization code with PKCE); send the browser to authorizationUrl. */
  startOidcSignIn: OidcAuthorization;
};


export type MutationCompleteOidcSignInArgs = {
  callbackUrl: Scalars['String']['input'];
  provider: Scalars['String']['input'];
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


export type MutationRequestSignInCodeArgs = {
  email: Scalars['String']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
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


export type MutationSetPasswordArgs = {
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  newPassword: Scalars['String']['input'];
};


export type MutationSignInWithCodeArgs = {
  code: Scalars['String']['input'];
  email: Scalars['String']['input'];
};


export type MutationSignInWithPasswordArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationStartOidcSignInArgs = {
  provider: Scalars['String']['input'];
  redirectUri: Scalars['String']['input'];
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

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
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
  /** Sign-in attempts of a member, for an ADMIN of an organization the member belongs to. */
  memberSignInAttempts: SignInAttemptConnection;
  /** The OpenID Connect providers users may sign in with. */
  oidcProviders: Array<OidcProvider>;
  /** Internal: resolves a session token for the gateway. Never part of the public graph. */
  sessionPrincipal?: Maybe<SessionPrincipal>;
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


export type QueryMemberSignInAttemptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type QuerySessionPrincipalArgs = {
  token: Scalars['String']['input'];
};


export type QueryUserEmailsArgs = {
  userIds: Array<Scalars['ID']['input']>;
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

export type SignInMethod =
  | 'DEVELOPMENT'
  | 'EMAIL_CODE'
  | 'OIDC'
  | 'PASSWORD';

export type SignInOutcome =
  | 'FAILURE'
  | 'LOCKED'
  | 'SUCCESS';

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  email: Scalars['String']['output'];
  hasPassword: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
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
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  OidcAuthorization: ResolverTypeWrapper<OidcAuthorization>;
  OidcProvider: ResolverTypeWrapper<OidcProvider>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Session: ResolverTypeWrapper<SessionEntity>;
  SessionPrincipal: ResolverTypeWrapper<SessionPrincipalSourceEntity>;
  SignIn: ResolverTypeWrapper<Omit<SignIn, 'session' | 'user'> & { session: ResolversTypes['Session'], user: ResolversTypes['User'] }>;
  SignInAttempt: ResolverTypeWrapper<SignInAttemptEntity>;
  SignInAttemptConnection: ResolverTypeWrapper<Omit<SignInAttemptConnection, 'edges'> & { edges: Array<ResolversTypes['SignInAttemptEdge']> }>;
  SignInAttemptEdge: ResolverTypeWrapper<Omit<SignInAttemptEdge, 'node'> & { node: ResolversTypes['SignInAttempt'] }>;
  SignInMethod: SignInMethod;
  SignInOutcome: SignInOutcome;
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
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  OidcAuthorization: OidcAuthorization;
  OidcProvider: OidcProvider;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Session: SessionEntity;
  SessionPrincipal: SessionPrincipalSourceEntity;
  SignIn: Omit<SignIn, 'session' | 'user'> & { session: ResolversParentTypes['Session'], user: ResolversParentTypes['User'] };
  SignInAttempt: SignInAttemptEntity;
  SignInAttemptConnection: Omit<SignInAttemptConnection, 'edges'> & { edges: Array<ResolversParentTypes['SignInAttemptEdge']> };
  SignInAttemptEdge: Omit<SignInAttemptEdge, 'node'> & { node: ResolversParentTypes['SignInAttempt'] };
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

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  completeOidcSignIn?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationCompleteOidcSignInArgs, 'callbackUrl' | 'provider'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'organizationId' | 'scopes'>>;
  devSignIn?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationDevSignInArgs, 'email'>>;
  grantOperator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationGrantOperatorArgs, 'email'>>;
  requestSignInCode?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestSignInCodeArgs, 'email'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  revokeOperator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeOperatorArgs, 'email'>>;
  revokeSession?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  revokeUserSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationRevokeUserSessionsArgs, 'organizationId' | 'userId'>>;
  setPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSetPasswordArgs, 'newPassword'>>;
  signInWithCode?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationSignInWithCodeArgs, 'code' | 'email'>>;
  signInWithPassword?: Resolver<ResolversTypes['SignIn'], ParentType, ContextType, RequireFields<MutationSignInWithPasswordArgs, 'email' | 'password'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startOidcSignIn?: Resolver<ResolversTypes['OidcAuthorization'], ParentType, ContextType, RequireFields<MutationStartOidcSignInArgs, 'provider' | 'redirectUri'>>;
}>;

export type OidcAuthorizationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcAuthorization'] = ResolversParentTypes['OidcAuthorization']> = ResolversObject<{
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OidcProviderResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcProvider'] = ResolversParentTypes['OidcProvider']> = ResolversObject<{
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  accountEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<QueryAccountEmailArgs, 'userId'>>;
  apiKeyPrincipal?: Resolver<Maybe<ResolversTypes['ApiKeyPrincipal']>, ParentType, ContextType, RequireFields<QueryApiKeyPrincipalArgs, 'secret'>>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'organizationId'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  memberSignInAttempts?: Resolver<ResolversTypes['SignInAttemptConnection'], ParentType, ContextType, RequireFields<QueryMemberSignInAttemptsArgs, 'organizationId' | 'userId'>>;
  oidcProviders?: Resolver<Array<ResolversTypes['OidcProvider']>, ParentType, ContextType>;
  sessionPrincipal?: Resolver<Maybe<ResolversTypes['SessionPrincipal']>, ParentType, ContextType, RequireFields<QuerySessionPrincipalArgs, 'token'>>;
  userEmails?: Resolver<Array<ResolversTypes['UserEmail']>, ParentType, ContextType, RequireFields<QueryUserEmailsArgs, 'userIds'>>;
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

export type UserResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hasPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
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
  Mutation?: MutationResolvers<ContextType>;
  OidcAuthorization?: OidcAuthorizationResolvers<ContextType>;
  OidcProvider?: OidcProviderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SessionPrincipal?: SessionPrincipalResolvers<ContextType>;
  SignIn?: SignInResolvers<ContextType>;
  SignInAttempt?: SignInAttemptResolvers<ContextType>;
  SignInAttemptConnection?: SignInAttemptConnectionResolvers<ContextType>;
  SignInAttemptEdge?: SignInAttemptEdgeResolvers<ContextType>;
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
