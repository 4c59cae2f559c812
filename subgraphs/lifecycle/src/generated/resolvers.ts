import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DataExport as DataExportEntity } from '../export/data-export.entity.ts';
import type { DeletionRequest as DeletionRequestEntity } from '../deletion/deletion-request.entity.ts';
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

/** One encrypted logical backup of Steward's database in the blob store. */
export type Backup = {
  __typename?: 'Backup';
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Erasure ledger entries written beside it. */
  ledgerEntries?: Maybe<Scalars['Int']['output']>;
  rows?: Maybe<Scalars['Float']['output']>;
  /** SHA-256 (hex) of the encrypted file. */
  sha256?: Maybe<Scalars['String']['output']>;
  /** The encrypted file's size (bytes). */
  sizeBytes?: Maybe<Scalars['Float']['output']>;
  /** The instant the backup's consistent snapshot shows. */
  snapshotAt?: Maybe<Scalars['DateTime']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: BackupStatus;
  tables?: Maybe<Scalars['Int']['output']>;
};

export type BackupStatus =
  | 'COMPLETED'
  /** Past its expiry (`BACKUP_RETENTION_DAYS`): its dump is gone from the blob store. */
  | 'DELETED'
  | 'FAILED'
  /** Being taken (or its process died: it never counts as a backup). */
  | 'RUNNING';

export type CertificateVerification = {
  __typename?: 'CertificateVerification';
  /** The key the certificate names; null when the document is not a certificate. */
  keyId?: Maybe<Scalars['String']['output']>;
  /** Why it is not valid, when it is not. */
  reason?: Maybe<Scalars['String']['output']>;
  valid: Scalars['Boolean']['output'];
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
  /** Set for an organization's export, and for its export of one member's data. */
  organizationId?: Maybe<Scalars['ID']['output']>;
  /** From 0 to 1. */
  progress: Scalars['Float']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** SHA-256 (hex) of the archive. */
  sha256?: Maybe<Scalars['String']['output']>;
  sizeBytes?: Maybe<Scalars['Int']['output']>;
  status: JobStatus;
  /** Set for a person's export, and for an organization's export of that member's data. */
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

export type DeletionOrigin =
  /** The organization's contract ended. */
  | 'CONTRACT_END'
  /** Someone asked for it. */
  | 'REQUEST';

/** The deletion of a subject's data. Kept after the deletion as its proof, with its certificate. */
export type DeletionRequest = {
  __typename?: 'DeletionRequest';
  certificate?: Maybe<DestructionCertificate>;
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  organizationId?: Maybe<Scalars['ID']['output']>;
  origin: DeletionOrigin;
  /** From 0 to 1 while it runs. */
  progress: Scalars['Float']['output'];
  reason: Scalars['String']['output'];
  /**
   * For the person whose account this deletes, and shown to them only: keep it, and read the
   * deletion and its certificate with `deletionReceipt` after the account is gone. Null otherwise.
   */
  receipt?: Maybe<Scalars['String']['output']>;
  requestedAt: Scalars['DateTime']['output'];
  /** When it runs, at the end of the grace period (or 30 days after a contract's end). */
  scheduledFor: Scalars['DateTime']['output'];
  status: DeletionStatus;
  userId?: Maybe<Scalars['ID']['output']>;
};

export type DeletionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  /** Held by a legal hold on the organization: runs once the hold is lifted. */
  | 'ON_HOLD'
  /** Scheduled; may be cancelled until `scheduledFor`. */
  | 'PENDING'
  | 'RUNNING';

export type DestroyStrategy =
  | 'ANONYMIZE'
  | 'ERASE'
  | 'SHRED';

/**
 * A signed certificate of destruction. `document` is canonical JSON (subject, request, requester,
 * each subgraph and type with its strategy and count, the verification result, when backups holding
 * the data expire, the audit chain head); `signature` is its Ed25519 signature (base64url) by `keyId`.
 */
export type DestructionCertificate = {
  __typename?: 'DestructionCertificate';
  document: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  keyId: Scalars['String']['output'];
  signature: Scalars['String']['output'];
};

export type JobStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

/** A legal hold: nothing of the organization is deleted while it stands. */
export type LegalHold = {
  __typename?: 'LegalHold';
  reason?: Maybe<Scalars['String']['output']>;
  since: Scalars['DateTime']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a pending deletion (CONFLICT once it has started). */
  cancelDeletion: DeletionRequest;
  /**
   * Exports a subject's data: an organization (its admins), one organization's data about one of its
   * members (`organizationId` and `userId`: the organization's admins), or a person's whole account
   * (`userId` alone: that person only). A job builds one archive; follow `progress` and `status`.
   * Asked again while that archive is pending or running, it answers the same export.
   */
  requestDataExport: DataExport;
  /**
   * Schedules the deletion of a subject's data after the grace period: an organization (its admins);
   * one organization's data about a member (`organizationId` and `userId`: its admins; removes the
   * member from the organization and erases its data about them, nothing else of theirs); or a
   * person's account (`userId` alone: that person only). Refused (CONFLICT) under a legal hold, while
   * another deletion of the subject is pending, and (reason LAST_ADMIN, naming the organization)
   * when it would leave an organization without an ADMIN.
   */
  requestDeletion: DeletionRequest;
  /**
   * Runs again a deletion whose job spent its retries (FAILED): those who may request it (an
   * organization's admins for its data). CONFLICT unless FAILED or while another deletion of the
   * subject is live.
   */
  retryDeletion: DeletionRequest;
  /**
   * Internal, for tenancy: the organization's contract ends then; its deletion follows 30 days later.
   * `endedBy` (the user who set the end, if a user did) may read the deletion and its certificate
   * after the organization is gone. False when a requested deletion of it is already live (it runs on
   * its own schedule).
   */
  scheduleContractDeletion: Scalars['Boolean']['output'];
  /** Places or lifts a legal hold on an organization (its admins): while held, nothing of it is deleted. */
  setLegalHold: Organization;
  /**
   * Replaces the organization's retention policy (its ADMINs only) and answers the whole policy. One
   * rule per category; a category left out goes back to its default. A keepFor that is not an
   * ISO-8601 duration, or is below its category's minimum or above P10Y, is refused with
   * BAD_USER_INPUT and nothing changes. The retention sweep, every few hours, deletes what the
   * policy no longer keeps.
   */
  setRetentionPolicy: Array<RetentionRule>;
};


export type MutationCancelDeletionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRequestDataExportArgs = {
  subject: SubjectInput;
};


export type MutationRequestDeletionArgs = {
  reason: Scalars['String']['input'];
  subject: SubjectInput;
};


export type MutationRetryDeletionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationScheduleContractDeletionArgs = {
  contractEndsAt: Scalars['DateTime']['input'];
  endedBy?: InputMaybe<Scalars['ID']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type MutationSetLegalHoldArgs = {
  hold: Scalars['Boolean']['input'];
  organizationId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetRetentionPolicyArgs = {
  organizationId: Scalars['ID']['input'];
  rules: Array<RetentionRuleInput>;
};

/** Lifecycle adds the legal hold to tenancy's organizations. */
export type Organization = {
  __typename?: 'Organization';
  id: Scalars['ID']['output'];
  /** The legal hold on the organization, if any (its admins). */
  legalHold?: Maybe<LegalHold>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Operators only: the deployment's database backups, newest first (at most `first`, default 20, up
   * to 100), with their size, SHA-256 and expiry, and those deleted at expiry. Recorded in the system
   * audit chain.
   */
  backups: Array<Backup>;
  /**
   * An export the caller may read now: one of (or about a member of) an organization the caller
   * administers today, or the caller's own; null otherwise.
   */
  dataExport?: Maybe<DataExport>;
  /** Every @subject type of the composed graph with its fields' lifecycle directives: the data map. */
  dataMap: Array<DataMapType>;
  /**
   * A deletion read with its receipt (`DeletionRequest.receipt`), no sign-in needed: how a person
   * whose account is gone gets their certificate of destruction.
   */
  deletionReceipt?: Maybe<DeletionRequest>;
  /**
   * A deletion the caller may read now: of an organization the caller administers today (or of its
   * data about a member), of the caller, or one the caller set in motion once it has started.
   */
  deletionRequest?: Maybe<DeletionRequest>;
  /**
   * The deletions the caller may read now, newest first (at most 100): those of organizations they
   * administer (and of those organizations' data about members), their own, and those they requested
   * or set in motion by ending a contract once started (kept with their certificates after the
   * organization is gone).
   */
  deletionRequests: Array<DeletionRequest>;
  /** Operators only: the restore drills, newest first, with their measured recovery time and point. */
  restoreDrills: Array<RestoreDrill>;
  /**
   * The organization's retention policy (its ADMINs only): every category, in the order of
   * RetentionCategory, with the organization's rule or else the default.
   */
  retentionPolicy: Array<RetentionRule>;
  /**
   * Checks a certificate of destruction: the signature over the document with the key it names.
   * Anyone signed in may ask; `npm run verify-certificate` does the same offline with the public key.
   */
  verifyDestructionCertificate: CertificateVerification;
};


export type QueryBackupsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDataExportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDeletionReceiptArgs = {
  receipt: Scalars['String']['input'];
};


export type QueryDeletionRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRestoreDrillsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRetentionPolicyArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QueryVerifyDestructionCertificateArgs = {
  document: Scalars['String']['input'];
  signature: Scalars['String']['input'];
};

/** One restore drill: the newest backup restored into a scratch database and checked. */
export type RestoreDrill = {
  __typename?: 'RestoreDrill';
  auditChains: Scalars['Int']['output'];
  backupId: Scalars['ID']['output'];
  completedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  ledgerReapplied: Scalars['Int']['output'];
  passed: Scalars['Boolean']['output'];
  problems: Array<Scalars['String']['output']>;
  rows: Scalars['Float']['output'];
  /** Recovery point: the backup's age when the drill started. */
  rpoSeconds: Scalars['Float']['output'];
  /** Recovery time measured: from the drill's start to a checked database with the ledger re-applied. */
  rtoSeconds: Scalars['Float']['output'];
  startedAt: Scalars['DateTime']['output'];
  tables: Scalars['Int']['output'];
};

/**
 * What a retention rule governs. Durations are ISO-8601 with designators and whole numbers (P30D,
 * P12M, P1Y, PT36H); compared with a minimum or P10Y, a year counts 365 days and a month 30.
 */
export type RetentionCategory =
  /** The organization's audit events, in whole months (rounded up). Default and minimum P12M. */
  | 'AUDIT_EVENTS'
  /**
   * The organization's data exports and their archives, counted from completion (or the request, if
   * it failed). Default P30D, at least P1D.
   */
  | 'EXPORTS'
  /**
   * Ended sessions (revoked, expired or idle) of the organization's members, counted from their end;
   * a live session is never deleted. Default P90D, at least P1D. Shortest period among a member's
   * organizations.
   */
  | 'SESSIONS'
  /**
   * Sign-in attempts of the organization's members, counted from the attempt. Default P1Y, at least
   * P30D. A member of several organizations: the shortest period among them applies.
   */
  | 'SIGN_IN_ATTEMPTS';

/** How long an organization keeps one category of records. */
export type RetentionRule = {
  __typename?: 'RetentionRule';
  category: RetentionCategory;
  /** True when the organization set no rule for the category: keepFor is the default. */
  isDefault: Scalars['Boolean']['output'];
  /** ISO-8601 duration: the retention sweep deletes the category's records older than this. */
  keepFor: Scalars['String']['output'];
  /** The shortest keepFor the category accepts. */
  minimum: Scalars['String']['output'];
  organizationId: Scalars['ID']['output'];
  /** When the organization set the rule's current keepFor; null for a default. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type RetentionRuleInput = {
  category: RetentionCategory;
  /** ISO-8601 duration, from the category's minimum to P10Y. */
  keepFor: Scalars['String']['input'];
};

/**
 * Whose data. `organizationId` alone: the organization's. `userId` alone: the person's account, in
 * every organization (only that person may ask). Both: the organization's data about one of its
 * members, and nothing else of theirs (the organization's admins may ask).
 */
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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Backup: ResolverTypeWrapper<Backup>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  BackupStatus: BackupStatus;
  CertificateVerification: ResolverTypeWrapper<CertificateVerification>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DataExport: ResolverTypeWrapper<DataExportEntity>;
  DataMapField: ResolverTypeWrapper<DataMapField>;
  DataMapType: ResolverTypeWrapper<DataMapType>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeletionOrigin: DeletionOrigin;
  DeletionRequest: ResolverTypeWrapper<DeletionRequestEntity>;
  DeletionStatus: DeletionStatus;
  DestroyStrategy: DestroyStrategy;
  DestructionCertificate: ResolverTypeWrapper<DestructionCertificate>;
  JobStatus: JobStatus;
  LegalHold: ResolverTypeWrapper<LegalHold>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Organization: ResolverTypeWrapper<Organization>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RestoreDrill: ResolverTypeWrapper<RestoreDrill>;
  RetentionCategory: RetentionCategory;
  RetentionRule: ResolverTypeWrapper<RetentionRule>;
  RetentionRuleInput: RetentionRuleInput;
  SubjectInput: SubjectInput;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Backup: Backup;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  CertificateVerification: CertificateVerification;
  Boolean: Scalars['Boolean']['output'];
  DataExport: DataExportEntity;
  DataMapField: DataMapField;
  DataMapType: DataMapType;
  DateTime: Scalars['DateTime']['output'];
  DeletionRequest: DeletionRequestEntity;
  DestructionCertificate: DestructionCertificate;
  LegalHold: LegalHold;
  Mutation: Record<PropertyKey, never>;
  Organization: Organization | FederationReferenceTypes['Organization'];
  Query: Record<PropertyKey, never>;
  RestoreDrill: RestoreDrill;
  RetentionRule: RetentionRule;
  RetentionRuleInput: RetentionRuleInput;
  SubjectInput: SubjectInput;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
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

export type BackupResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Backup'] = ResolversParentTypes['Backup']> = ResolversObject<{
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deletedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ledgerEntries?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  rows?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  snapshotAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupStatus'], ParentType, ContextType>;
  tables?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type CertificateVerificationResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['CertificateVerification'] = ResolversParentTypes['CertificateVerification']> = ResolversObject<{
  keyId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

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

export type DeletionRequestResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['DeletionRequest'] = ResolversParentTypes['DeletionRequest']> = ResolversObject<{
  certificate?: Resolver<Maybe<ResolversTypes['DestructionCertificate']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organizationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['DeletionOrigin'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receipt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  scheduledFor?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeletionStatus'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type DestructionCertificateResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['DestructionCertificate'] = ResolversParentTypes['DestructionCertificate']> = ResolversObject<{
  document?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type LegalHoldResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['LegalHold'] = ResolversParentTypes['LegalHold']> = ResolversObject<{
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelDeletion?: Resolver<ResolversTypes['DeletionRequest'], ParentType, ContextType, RequireFields<MutationCancelDeletionArgs, 'id'>>;
  requestDataExport?: Resolver<ResolversTypes['DataExport'], ParentType, ContextType, RequireFields<MutationRequestDataExportArgs, 'subject'>>;
  requestDeletion?: Resolver<ResolversTypes['DeletionRequest'], ParentType, ContextType, RequireFields<MutationRequestDeletionArgs, 'reason' | 'subject'>>;
  retryDeletion?: Resolver<ResolversTypes['DeletionRequest'], ParentType, ContextType, RequireFields<MutationRetryDeletionArgs, 'id'>>;
  scheduleContractDeletion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationScheduleContractDeletionArgs, 'contractEndsAt' | 'organizationId'>>;
  setLegalHold?: Resolver<ResolversTypes['Organization'], ParentType, ContextType, RequireFields<MutationSetLegalHoldArgs, 'hold' | 'organizationId'>>;
  setRetentionPolicy?: Resolver<Array<ResolversTypes['RetentionRule']>, ParentType, ContextType, RequireFields<MutationSetRetentionPolicyArgs, 'organizationId' | 'rules'>>;
}>;

export type OrganizationResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  legalHold?: Resolver<Maybe<ResolversTypes['LegalHold']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  backups?: Resolver<Array<ResolversTypes['Backup']>, ParentType, ContextType, Partial<QueryBackupsArgs>>;
  dataExport?: Resolver<Maybe<ResolversTypes['DataExport']>, ParentType, ContextType, RequireFields<QueryDataExportArgs, 'id'>>;
  dataMap?: Resolver<Array<ResolversTypes['DataMapType']>, ParentType, ContextType>;
  deletionReceipt?: Resolver<Maybe<ResolversTypes['DeletionRequest']>, ParentType, ContextType, RequireFields<QueryDeletionReceiptArgs, 'receipt'>>;
  deletionRequest?: Resolver<Maybe<ResolversTypes['DeletionRequest']>, ParentType, ContextType, RequireFields<QueryDeletionRequestArgs, 'id'>>;
  deletionRequests?: Resolver<Array<ResolversTypes['DeletionRequest']>, ParentType, ContextType>;
  restoreDrills?: Resolver<Array<ResolversTypes['RestoreDrill']>, ParentType, ContextType, Partial<QueryRestoreDrillsArgs>>;
  retentionPolicy?: Resolver<Array<ResolversTypes['RetentionRule']>, ParentType, ContextType, RequireFields<QueryRetentionPolicyArgs, 'organizationId'>>;
  verifyDestructionCertificate?: Resolver<ResolversTypes['CertificateVerification'], ParentType, ContextType, RequireFields<QueryVerifyDestructionCertificateArgs, 'document' | 'signature'>>;
}>;

export type RestoreDrillResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['RestoreDrill'] = ResolversParentTypes['RestoreDrill']> = ResolversObject<{
  auditChains?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  backupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  completedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ledgerReapplied?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rpoSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rtoSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  tables?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RetentionRuleResolvers<ContextType = LifecycleContext, ParentType extends ResolversParentTypes['RetentionRule'] = ResolversParentTypes['RetentionRule']> = ResolversObject<{
  category?: Resolver<ResolversTypes['RetentionCategory'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  keepFor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  minimum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = LifecycleContext> = ResolversObject<{
  Backup?: BackupResolvers<ContextType>;
  CertificateVerification?: CertificateVerificationResolvers<ContextType>;
  DataExport?: DataExportResolvers<ContextType>;
  DataMapField?: DataMapFieldResolvers<ContextType>;
  DataMapType?: DataMapTypeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeletionRequest?: DeletionRequestResolvers<ContextType>;
  DestructionCertificate?: DestructionCertificateResolvers<ContextType>;
  LegalHold?: LegalHoldResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RestoreDrill?: RestoreDrillResolvers<ContextType>;
  RetentionRule?: RetentionRuleResolvers<ContextType>;
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
