import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DataExport as DataExportEntity } from '../export/data-export.entity.ts';
import type { LifecycleContext } from '../context.ts';
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

/**
 * One data export: a tar archive holding `manifest.json` (counts and SHA-256 per part) and one JSON
 * Lines file per type, with the `@export` fields only.
 */
export type DataExport = {
  __typename?: 'DataExport';
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** An expiring, signed link to the archive, once completed; relative to the gateway's origin. */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Set for an organization's export. */
  organizationId?: Maybe<Scalars['ID']['output']>;
  /** From 0 to 1. */
  progress: Scalars['Float']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** SHA-256 (hex) of the archive. */
  sha256?: Maybe<Scalars['String']['output']>;
  sizeBytes?: Maybe<Scalars['Int']['output']>;
  status: JobStatus;
  /** Set for a user's export. */
  userId?: Maybe<Scalars['ID']['output']>;
};

/** What export and deletion do with one field. */
export type DataMapField = {
  __typename?: 'DataMapField';
  /** What deletion does to the field; null when it is retained. */
  destroy?: Maybe<DestroyStrategy>;
  /** Label in data exports; null when the field is not exported. */
  exportLabel?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** ISO-8601 duration the field is kept for after deletion. */
  retainFor?: Maybe<Scalars['String']['output']>;
  retainReason?: Maybe<Scalars['String']['output']>;
};

/** A type whose rows belong to an organization and/or a user. */
export type DataMapType = {
  __typename?: 'DataMapType';
  fields: Array<DataMapField>;
  name: Scalars['String']['output'];
  /** The subgraphs that define the type. */
  subgraphs: Array<Scalars['String']['output']>;
  /** The field holding the owning organization's id (`@subject(tenant:)`). */
  tenantField?: Maybe<Scalars['String']['output']>;
  /** The field holding the owning user's id (`@subject(user:)`). */
  userField?: Maybe<Scalars['String']['output']>;
};

export type DestroyStrategy =
  | 'ANONYMIZE'
  | 'ERASE'
  | 'SHRED';

export type JobStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Exports a subject's data: an organization (its admins) or a user (that user, or an admin of an
   * organization the user belongs to). A job builds one archive; follow `progress` and `status`.
   */
  requestDataExport: DataExport;
};


export type MutationRequestDataExportArgs = {
  subject: SubjectInput;
};

export type Query = {
  __typename?: 'Query';
  /** An export the caller requested, or one of an organization the caller administers; null otherwise. */
  dataExport?: Maybe<DataExport>;
  /** Every @subject type of the composed graph with its fields' lifecycle directives: the data map. */
  dataMap: Array<DataMapType>;
};


export type QueryDataExportArgs = {
  id: Scalars['ID']['input'];
};

/** Whose data: exactly one of the two. */
export type SubjectInput = {
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type Link__Purpose =
  | 'EXECUTION'
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DataExport: ResolverTypeWrapper<DataExportEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DataMapField: ResolverTypeWrapper<DataMapField>;
  DataMapType: ResolverTypeWrapper<DataMapType>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DestroyStrategy: DestroyStrategy;
  JobStatus: JobStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SubjectInput: SubjectInput;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DataExport: DataExportEntity;
  ID: Scalars['ID']['output'];
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  DataMapField: DataMapField;
  DataMapType: DataMapType;
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  SubjectInput: SubjectInput;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DestroyDirectiveArgs = {
  strategy: DestroyStrategy;
};

export type DestroyDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = DestroyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExportDirectiveArgs = {
  label?: Maybe<Scalars['String']['input']>;
};

export type ExportDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = ExportDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RetainDirectiveArgs = {
  for: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

export type RetainDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = RetainDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type SubjectDirectiveArgs = {
  tenant?: Maybe<Scalars['String']['input']>;
  user?: Maybe<Scalars['String']['input']>;
};

export type SubjectDirectiveResolver<Result, Parent, ContextType = LifecycleContext, Args = SubjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DataExportResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['DataExport'] = ResolversParentTypes['DataExport']> = ResolversObject<{
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  downloadUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organizationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type DataMapFieldResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['DataMapField'] = ResolversParentTypes['DataMapField']> = ResolversObject<{
  destroy?: Resolver<Maybe<ResolversTypes['DestroyStrategy']>, ParentType, ContextType>;
  exportLabel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retainFor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  retainReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DataMapTypeResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['DataMapType'] = ResolversParentTypes['DataMapType']> = ResolversObject<{
  fields?: Resolver<Array<ResolversTypes['DataMapField']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraphs?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tenantField?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userField?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  requestDataExport?: Resolver<ResolversTypes['DataExport'], ParentType, ContextType, RequireFields<MutationRequestDataExportArgs, 'subject'>>;
}>;

export type QueryResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  dataExport?: Resolver<Maybe<ResolversTypes['DataExport']>, ParentType, ContextType, RequireFields<QueryDataExportArgs, 'id'>>;
  dataMap?: Resolver<Array<ResolversTypes['DataMapType']>, ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = LifecycleContext> = ResolversObject<{
  DataExport?: DataExportResolvers<ContextType>;
  DataMapField?: DataMapFieldResolvers<ContextType>;
  DataMapType?: DataMapTypeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = LifecycleContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  destroy?: DestroyDirectiveResolver<any, any, ContextType>;
  export?: ExportDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  retain?: RetainDirectiveResolver<any, any, ContextType>;
  subject?: SubjectDirectiveResolver<any, any, ContextType>;
}>;
