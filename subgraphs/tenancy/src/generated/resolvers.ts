import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Organization as OrganizationEntity } from '../organization/organization.entity.ts';
import type { ProjectRow as ProjectRowEntity } from '../project/project.entity.ts';
import type { Membership as MembershipEntity, UserReference as UserReferenceEntity } from '../membership/membership.entity.ts';
import type { ProjectMembershipRow as ProjectMembershipRowEntity } from '../membership/project-membership.entity.ts';
import type { Invitation as InvitationEntity } from '../invitation/invitation.entity.ts';
import type { TenancyContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type DestroyStrategy =
  | 'ANONYMIZE'
  | 'ERASE'
  | 'SHRED';

/** An invitation to an organization, visible to its admins. The token is never stored or shown. */
export type Invitation = {
  __typename?: 'Invitation';
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The user who accepted it. */
  acceptedBy?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organizationId: Scalars['ID']['output'];
  projectId?: Maybe<Scalars['ID']['output']>;
  projectRole?: Maybe<ProjectRole>;
  role: OrganizationRole;
};

export type Membership = {
  __typename?: 'Membership';
  createdAt: Scalars['DateTime']['output'];
  organization: Organization;
  organizationId: Scalars['ID']['output'];
  role: OrganizationRole;
  user: User;
  userId: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts an invitation with the mailed token, once, as the signed-in user. */
  acceptInvitation: Membership;
  /** Changes a member's organization role (ADMIN only); the last ADMIN cannot be demoted. */
  changeMemberRole: Membership;
  /** Creates an organization; the caller becomes its ADMIN. */
  createOrganization: Organization;
  /** Creates a project in an organization the caller administers (or a partner key with projects:write). */
  createProject: Project;
  /** Sets when the organization's contract ends (ADMIN only); a date not in the future ends it now. */
  endContract: Organization;
  /**
   * Invites someone by email to an organization (ADMIN only), optionally to one of its projects
   * (projectRole defaults to PARTICIPANT). A pending invitation for the same email is withdrawn
   * and replaced. The token goes out by mail only.
   */
  inviteMember: Invitation;
  /** Removes a member and their project roles (ADMIN only); the last ADMIN cannot be removed. */
  removeMember: Scalars['Boolean']['output'];
  /**
   * Gives a member of the project's organization a role in the project, or (null role) removes it.
   * ADMINs of the organization may set any role; the project's EDITORs manage its participants.
   */
  setProjectRole?: Maybe<ProjectMembership>;
};


export type MutationAcceptInvitationArgs = {
  token: Scalars['String']['input'];
};


export type MutationChangeMemberRoleArgs = {
  organizationId: Scalars['ID']['input'];
  role: OrganizationRole;
  userId: Scalars['ID']['input'];
};


export type MutationCreateOrganizationArgs = {
  name: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateProjectArgs = {
  name: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationEndContractArgs = {
  endsAt: Scalars['DateTime']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationInviteMemberArgs = {
  email: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
  projectId?: InputMaybe<Scalars['ID']['input']>;
  projectRole?: InputMaybe<ProjectRole>;
  role: OrganizationRole;
};


export type MutationRemoveMemberArgs = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationSetProjectRoleArgs = {
  projectId: Scalars['ID']['input'];
  role?: InputMaybe<ProjectRole>;
  userId: Scalars['ID']['input'];
};

export type Organization = {
  __typename?: 'Organization';
  contractEndsAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Visible to the organization's admins. */
  members: Array<Membership>;
  name: Scalars['String']['output'];
  /** All projects for admins and partner keys; a member sees the projects they belong to. */
  projects: Array<Project>;
  region: Scalars['String']['output'];
  status: OrganizationStatus;
};


export type OrganizationMembersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationProjectsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationRole =
  | 'ADMIN'
  | 'MEMBER';

export type OrganizationStatus =
  | 'ACTIVE'
  | 'CONTRACT_ENDED'
  | 'DELETION_SCHEDULED';

export type PrincipalMembership = {
  __typename?: 'PrincipalMembership';
  organizationId: Scalars['ID']['output'];
  projects: Array<PrincipalProjectRole>;
  role: OrganizationRole;
};

export type PrincipalProjectRole = {
  __typename?: 'PrincipalProjectRole';
  projectId: Scalars['ID']['output'];
  role: ProjectRole;
};

export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
  /** Visible to the organization's admins and the project's editors. */
  members: Array<ProjectMembership>;
  name: Scalars['String']['output'];
  organization: Organization;
  organizationId: Scalars['ID']['output'];
  /**
   * The caller's role in the project (an organization's admin is an editor of every project; null for
   * a partner key), so that a client offers only what the role may do.
   */
  viewerRole?: Maybe<ProjectRole>;
};


export type ProjectMembersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProjectMembership = {
  __typename?: 'ProjectMembership';
  organizationId: Scalars['ID']['output'];
  project: Project;
  projectId: Scalars['ID']['output'];
  role: ProjectRole;
  user: User;
  userId: Scalars['ID']['output'];
};

export type ProjectRole =
  | 'EDITOR'
  | 'PARTICIPANT';

export type Query = {
  __typename?: 'Query';
  /** Internal, for identity: which of these users belong to one of these organizations. */
  membersAmong: Array<Scalars['ID']['output']>;
  /** An organization the caller may see, or null (another tenant's organization is never confirmed). */
  organization?: Maybe<Organization>;
  /** Internal, for lifecycle: the user ids of an organization's ADMINs (whom its contract notices go to). */
  organizationAdmins: Array<Scalars['ID']['output']>;
  /** Internal, for audit: the ids of existing organizations, all of them or those among `among` (incidents). */
  organizationIds: Array<Scalars['ID']['output']>;
  /** Internal, for identity and lifecycle: the user's membership of that organization, or null. */
  organizationMembership?: Maybe<PrincipalMembership>;
  /** The organizations the caller belongs to (a partner API key: its own organization). */
  organizations: Array<Organization>;
  /** Internal: a user's memberships, from which the gateway builds the user's principal. */
  principalMemberships: Array<PrincipalMembership>;
  /** A project the caller may see, or null. */
  project?: Maybe<Project>;
  /**
   * Internal, for lifecycle: the organizations of which this user is the only ADMIN (a person's
   * account cannot be deleted while one would be left without an admin).
   */
  soleAdminOrganizations: Array<Scalars['ID']['output']>;
};


export type QueryMembersAmongArgs = {
  organizationIds: Array<Scalars['ID']['input']>;
  userIds: Array<Scalars['ID']['input']>;
};


export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationAdminsArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QueryOrganizationIdsArgs = {
  among?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type QueryOrganizationMembershipArgs = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type QueryOrganizationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPrincipalMembershipsArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySoleAdminOrganizationsArgs = {
  userId: Scalars['ID']['input'];
};

/** Identity owns users; tenancy adds their memberships. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's own memberships, across organizations. */
  memberships: Array<Membership>;
};


/** Identity owns users; tenancy adds their memberships. */
export type UserMembershipsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
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
  Organization: Organization;
  Project: Project;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DestroyStrategy: DestroyStrategy;
  Invitation: ResolverTypeWrapper<InvitationEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Membership: ResolverTypeWrapper<MembershipEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Organization: ResolverTypeWrapper<OrganizationEntity>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  OrganizationRole: OrganizationRole;
  OrganizationStatus: OrganizationStatus;
  PrincipalMembership: ResolverTypeWrapper<PrincipalMembership>;
  PrincipalProjectRole: ResolverTypeWrapper<PrincipalProjectRole>;
  Project: ResolverTypeWrapper<ProjectRowEntity>;
  ProjectMembership: ResolverTypeWrapper<ProjectMembershipRowEntity>;
  ProjectRole: ProjectRole;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Invitation: InvitationEntity;
  ID: Scalars['ID']['output'];
  Membership: MembershipEntity;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Organization: OrganizationEntity;
  Int: Scalars['Int']['output'];
  PrincipalMembership: PrincipalMembership;
  PrincipalProjectRole: PrincipalProjectRole;
  Project: ProjectRowEntity;
  ProjectMembership: ProjectMembershipRowEntity;
  Query: Record<PropertyKey, never>;
  User: UserReferenceEntity;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DestroyDirectiveArgs = {
  strategy: DestroyStrategy;
};

export type DestroyDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = DestroyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExportDirectiveArgs = {
  label?: Maybe<Scalars['String']['input']>;
};

export type ExportDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = ExportDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RetainDirectiveArgs = {
  for: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

export type RetainDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = RetainDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type SubjectDirectiveArgs = {
  tenant?: Maybe<Scalars['String']['input']>;
  user?: Maybe<Scalars['String']['input']>;
};

export type SubjectDirectiveResolver<Result, Parent, ContextType = TenancyContext, Args = SubjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type InvitationResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = ResolversObject<{
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acceptedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  projectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  projectRole?: Resolver<Maybe<ResolversTypes['ProjectRole']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['OrganizationRole'], ParentType, ContextType>;
}>;

export type MembershipResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['OrganizationRole'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptInvitation?: Resolver<ResolversTypes['Membership'], ParentType, ContextType, RequireFields<MutationAcceptInvitationArgs, 'token'>>;
  changeMemberRole?: Resolver<ResolversTypes['Membership'], ParentType, ContextType, RequireFields<MutationChangeMemberRoleArgs, 'organizationId' | 'role' | 'userId'>>;
  createOrganization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType, RequireFields<MutationCreateOrganizationArgs, 'name'>>;
  createProject?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationCreateProjectArgs, 'name' | 'organizationId'>>;
  endContract?: Resolver<ResolversTypes['Organization'], ParentType, ContextType, RequireFields<MutationEndContractArgs, 'endsAt' | 'organizationId'>>;
  inviteMember?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType, RequireFields<MutationInviteMemberArgs, 'email' | 'organizationId' | 'role'>>;
  removeMember?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'organizationId' | 'userId'>>;
  setProjectRole?: Resolver<Maybe<ResolversTypes['ProjectMembership']>, ParentType, ContextType, RequireFields<MutationSetProjectRoleArgs, 'projectId' | 'userId'>>;
}>;

export type OrganizationResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contractEndsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType, Partial<OrganizationMembersArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  projects?: Resolver<Array<ResolversTypes['Project']>, ParentType, ContextType, Partial<OrganizationProjectsArgs>>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrganizationStatus'], ParentType, ContextType>;
}>;

export type PrincipalMembershipResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['PrincipalMembership'] = ResolversParentTypes['PrincipalMembership']> = ResolversObject<{
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  projects?: Resolver<Array<ResolversTypes['PrincipalProjectRole']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['OrganizationRole'], ParentType, ContextType>;
}>;

export type PrincipalProjectRoleResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['PrincipalProjectRole'] = ResolversParentTypes['PrincipalProjectRole']> = ResolversObject<{
  projectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ProjectRole'], ParentType, ContextType>;
}>;

export type ProjectResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['ProjectMembership']>, ParentType, ContextType, Partial<ProjectMembersArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  viewerRole?: Resolver<Maybe<ResolversTypes['ProjectRole']>, ParentType, ContextType>;
}>;

export type ProjectMembershipResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['ProjectMembership'] = ResolversParentTypes['ProjectMembership']> = ResolversObject<{
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  project?: Resolver<ResolversTypes['Project'], ParentType, ContextType>;
  projectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ProjectRole'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  membersAmong?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<QueryMembersAmongArgs, 'organizationIds' | 'userIds'>>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType, RequireFields<QueryOrganizationArgs, 'id'>>;
  organizationAdmins?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<QueryOrganizationAdminsArgs, 'organizationId'>>;
  organizationIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType, Partial<QueryOrganizationIdsArgs>>;
  organizationMembership?: Resolver<Maybe<ResolversTypes['PrincipalMembership']>, ParentType, ContextType, RequireFields<QueryOrganizationMembershipArgs, 'organizationId' | 'userId'>>;
  organizations?: Resolver<Array<ResolversTypes['Organization']>, ParentType, ContextType, Partial<QueryOrganizationsArgs>>;
  principalMemberships?: Resolver<Array<ResolversTypes['PrincipalMembership']>, ParentType, ContextType, RequireFields<QueryPrincipalMembershipsArgs, 'userId'>>;
  project?: Resolver<Maybe<ResolversTypes['Project']>, ParentType, ContextType, RequireFields<QueryProjectArgs, 'id'>>;
  soleAdminOrganizations?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<QuerySoleAdminOrganizationsArgs, 'userId'>>;
}>;

export type UserResolvers<ContextType = TenancyContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberships?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType, Partial<UserMembershipsArgs>>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = TenancyContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Invitation?: InvitationResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PrincipalMembership?: PrincipalMembershipResolvers<ContextType>;
  PrincipalProjectRole?: PrincipalProjectRoleResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  ProjectMembership?: ProjectMembershipResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = TenancyContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  destroy?: DestroyDirectiveResolver<any, any, ContextType>;
  export?: ExportDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  retain?: RetainDirectiveResolver<any, any, ContextType>;
  subject?: SubjectDirectiveResolver<any, any, ContextType>;
}>;
