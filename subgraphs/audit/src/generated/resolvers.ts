import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OpenedAuditEvent as OpenedAuditEventEntity, OpenedActor as OpenedActorEntity } from '../content/opened-event.ts';
import type { Incident as IncidentEntity } from '../incident/incident.repository.ts';
import type { AuditContext } from '../context.ts';
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
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Who acted, with where from when it was a person or a key. */
export type AuditActor = {
  __typename?: 'AuditActor';
  deviceType?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  /** Sealed under the acting person's key (an API key's caller: the organization's); null once erased. */
  ip?: Maybe<Scalars['String']['output']>;
  type: AuditActorType;
  /** Sealed like `ip`; null once erased. */
  userAgent?: Maybe<Scalars['String']['output']>;
};

export type AuditActorInput = {
  deviceType?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
  type: AuditActorType;
  userAgent?: InputMaybe<Scalars['String']['input']>;
};

export type AuditActorType =
  | 'API_KEY'
  | 'SYSTEM'
  | 'USER';

/** Why an audit chain fails verification. */
export type AuditChainBreak =
  /** The latest checkpoint's signature does not verify with any known key. */
  | 'CHECKPOINT_SIGNATURE'
  /** A sequence is missing (or out of order): an event was removed from the middle. */
  | 'EVENT_MISSING'
  /** An event's hash does not match its content: the event was changed. */
  | 'HASH_MISMATCH'
  /** The newest event is not the recorded head (another hash, or no head recorded at all). */
  | 'HEAD_MISMATCH'
  /** An event's previous hash is not the hash of the event before it. */
  | 'LINK_BROKEN'
  /** The chain ends before its recorded head: newest events were removed. */
  | 'TAIL_MISSING';

/** The result of recomputing an organization's chain. */
export type AuditChainVerification = {
  __typename?: 'AuditChainVerification';
  /** Why the chain breaks at `brokenAt`; null when valid. */
  breakReason?: Maybe<AuditChainBreak>;
  /** The first sequence where the chain breaks (a changed, missing or reordered event, a tail cut off before the recorded head, or a checkpoint whose signature fails); null when valid. */
  brokenAt?: Maybe<Scalars['Int']['output']>;
  /** The latest signed checkpoint of purged events, where verification starts; null when nothing was purged. */
  checkpoint?: Maybe<AuditCheckpoint>;
  /** How many events were checked. */
  events: Scalars['Int']['output'];
  /** The hash of the newest event checked: the chain head, to quote in certificates. */
  headHash?: Maybe<Scalars['String']['output']>;
  /** The sequence of the newest event checked. */
  headSequence?: Maybe<Scalars['Int']['output']>;
  /** The sequence of the head the chain recorded at its last append: the newest event checked must be it. Null when nothing was ever appended. */
  recordedHeadSequence?: Maybe<Scalars['Int']['output']>;
  /** True when every event links to the one before it (or to the checkpoint) and hashes to its `hash`. */
  valid: Scalars['Boolean']['output'];
  /**
   * The latest verified checkpoint, where this verification started re-hashing (its event must still
   * hash to its hash); null when it re-hashed from the purge checkpoint or sequence 1.
   */
  verifiedCheckpoint?: Maybe<AuditVerifiedCheckpoint>;
};

/**
 * A full verification of an organization's audit chain, run as a job. Counts, sequences and hashes
 * only (no @subject): kept as evidence like the chain's checkpoints.
 */
export type AuditChainVerificationRun = {
  __typename?: 'AuditChainVerificationRun';
  breakReason?: Maybe<AuditChainBreak>;
  brokenAt?: Maybe<Scalars['Int']['output']>;
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** How many events were re-hashed; null until COMPLETED. */
  events?: Maybe<Scalars['Int']['output']>;
  headHash?: Maybe<Scalars['String']['output']>;
  headSequence?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  requestedAt: Scalars['DateTime']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: AuditChainVerificationStatus;
  /** Null until COMPLETED. */
  valid?: Maybe<Scalars['Boolean']['output']>;
};

export type AuditChainVerificationStatus =
  | 'COMPLETED'
  /** Failed after every retry (the chain was not judged). */
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/** What the retention sweep kept of a purged prefix: its last sequence and hash, signed with Ed25519. */
export type AuditCheckpoint = {
  __typename?: 'AuditCheckpoint';
  hash: Scalars['String']['output'];
  /** Identifies the signing key: the first 16 hex digits of the SHA-256 of its SPKI (DER) form. */
  keyId: Scalars['String']['output'];
  purgedAt: Scalars['DateTime']['output'];
  sequence: Scalars['Int']['output'];
  /** Base64url Ed25519 signature over the canonical JSON of organizationId, sequence, hash and purgedAt. */
  signature: Scalars['String']['output'];
  /** Whether the signature verifies with one of the subgraph's known keys. */
  signatureValid: Scalars['Boolean']['output'];
};

/**
 * One recorded action, append-only and hash-chained per organization: `hash` covers the event and
 * `previousHash`, so a changed or missing event breaks the chain. Kept for the audit retention period
 * (12 months at least), also after the deletion of its subject, then purged by the retention sweep.
 * Its personal and customer content (`actor.ip`, `actor.userAgent`, `metadata`) is stored sealed under
 * its subjects' data keys, and the hash covers the sealed form: after a subject's deletion destroys
 * its key, that content reads as erased (`erased: true`, the fields null) and the chain still verifies.
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** What happened, dotted: `session.revoke`, `membership.role.change`. */
  action: Scalars['String']['output'];
  actor: AuditActor;
  /**
   * True when a subject of the event was deleted (its data key destroyed): the content sealed under
   * that key reads null. Its id, sequence, time, action, outcome, actor and target ids, device type
   * and hashes stay as they were, so the event keeps its place in a verifiable chain. Computed when
   * read (no column), so not a field of data exports: their records carry `opened.erased`.
   */
  erased: Scalars['Boolean']['output'];
  /** SHA-256 (hex) of the event's canonical encoding, which includes `previousHash`. */
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The details (names, addresses, reasons): sealed under the organization's and the person's keys both; null once either is erased. */
  metadata?: Maybe<Scalars['JSON']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  organizationId: Scalars['ID']['output'];
  outcome: AuditOutcome;
  /** The hash of the event before it in the chain; null for the first event. */
  previousHash?: Maybe<Scalars['String']['output']>;
  /** Position in the organization's chain, from 1. */
  sequence: Scalars['Int']['output'];
  target?: Maybe<AuditTarget>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** All conditions must hold. `from` is inclusive, `to` exclusive. */
export type AuditEventFilter = {
  /** Events whose action starts with this text, e.g. `session.` (matched literally, no wildcards). */
  actionPrefix?: InputMaybe<Scalars['String']['input']>;
  actorId?: InputMaybe<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  targetType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** An event as a subgraph recorded it in its outbox; the outbox row id is its id. */
export type AuditEventInput = {
  action: Scalars['String']['input'];
  actor: AuditActorInput;
  id: Scalars['ID']['input'];
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  occurredAt: Scalars['DateTime']['input'];
  /** Null for a user's own event: a sign-in attempt joins the chains of the user's organizations; an access event or a permission denial joins none. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  outcome: AuditOutcome;
  target?: InputMaybe<AuditTargetInput>;
};

export type AuditOutcome =
  | 'DENIED'
  | 'FAILURE'
  | 'SUCCESS';

/**
 * A webhook receiving the organization's audit log in chain order, at least once: batches of events
 * (ids and sequences) signed with the stream's secret, retried with backoff until acknowledged (2xx).
 * Stored in audit.streams, erased with the organization (subject-data.ts).
 */
export type AuditStream = {
  __typename?: 'AuditStream';
  createdAt: Scalars['DateTime']['output'];
  /** The last sequence of the chain the receiver acknowledged; delivery resumes after it. */
  deliveredSequence: Scalars['Int']['output'];
  enabled: Scalars['Boolean']['output'];
  /** Consecutive failed attempts; 0 after a success. */
  failures: Scalars['Int']['output'];
  format: AuditStreamFormat;
  id: Scalars['ID']['output'];
  lastDeliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The last failed attempt's reason (the receiver's status, a network error); kept after a success. */
  lastError?: Maybe<Scalars['String']['output']>;
  lastErrorAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the next attempt is due (later after each failure: backoff). */
  nextAttemptAt: Scalars['DateTime']['output'];
  organizationId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
  url: Scalars['String']['output'];
};

/**
 * How a stream's events are written: STEWARD, as `auditEvents` answers them; OCSF, the Open
 * Cybersecurity Schema Framework 1.3 (class API Activity, 6003), which AWS Security Lake, Splunk and
 * other SIEMs ingest without a mapping of their own. Both carry the event id and chain sequence.
 */
export type AuditStreamFormat =
  | 'OCSF'
  | 'STEWARD';

/** What the action was done to: a type name (`Session`, `Membership`) and its id. */
export type AuditTarget = {
  __typename?: 'AuditTarget';
  id?: Maybe<Scalars['ID']['output']>;
  type: Scalars['String']['output'];
};

export type AuditTargetInput = {
  id?: InputMaybe<Scalars['ID']['input']>;
  type: Scalars['String']['input'];
};

/**
 * A chain verified up to `sequence` (whose event hashed to `hash`) at `verifiedAt`, signed with Ed25519
 * by the audit signing key. Ids, sequences and hashes only: no organization's data (no @subject).
 */
export type AuditVerifiedCheckpoint = {
  __typename?: 'AuditVerifiedCheckpoint';
  hash: Scalars['String']['output'];
  /** Identifies the signing key: the first 16 hex digits of the SHA-256 of its SPKI (DER) form. */
  keyId: Scalars['String']['output'];
  sequence: Scalars['Int']['output'];
  /** Base64url Ed25519 signature over the canonical JSON of kind `verified`, organizationId, sequence, hash and verifiedAt. */
  signature: Scalars['String']['output'];
  /** Whether the signature verifies with one of the subgraph's known keys. */
  signatureValid: Scalars['Boolean']['output'];
  verifiedAt: Scalars['DateTime']['output'];
};

export type CreateAuditStreamInput = {
  /** STEWARD unless given. */
  format?: InputMaybe<AuditStreamFormat>;
  /** The receiver: https (plain http only to loopback outside production), no credentials or fragment. */
  url: Scalars['String']['input'];
};

/** A new stream and its signing secret, shown this once (Steward keeps it sealed). */
export type CreatedAuditStream = {
  __typename?: 'CreatedAuditStream';
  secret: Scalars['String']['output'];
  stream: AuditStream;
};

export type DeclareIncidentInput = {
  allOrganizations?: InputMaybe<Scalars['Boolean']['input']>;
  description: Scalars['String']['input'];
  detectedAt: Scalars['DateTime']['input'];
  /** The organizations affected; empty when `allOrganizations`. */
  organizationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  severity: IncidentSeverity;
  title: Scalars['String']['input'];
};

export type DestroyStrategy =
  | 'ANONYMIZE'
  | 'ERASE'
  | 'SHRED';

/**
 * An incident as operators see it: the operator's record (no @subject: no organization's export or
 * deletion reaches it; kept for the life of the deployment, in the system chain too).
 */
export type Incident = {
  __typename?: 'Incident';
  allOrganizations: Scalars['Boolean']['output'];
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  declaredAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  detectedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Detection plus INCIDENT_NOTIFICATION_HOURS: every affected organization's admins are mailed before it. */
  notifyBy: Scalars['DateTime']['output'];
  /** Each affected organization (by id) and its notifications. */
  organizations: Array<IncidentOrganization>;
  severity: IncidentSeverity;
  status: IncidentStatus;
  title: Scalars['String']['output'];
  updates: Array<IncidentUpdate>;
};

/** How an affected organization is notified: its admins by mail, its audit streams by webhook. */
export type IncidentChannel =
  | 'MAIL'
  /** The incident's event of the organization's chain, delivered by each of its audit streams enabled when it was chained. */
  | 'WEBHOOK';

/** One channel's notifications of one affected organization. */
export type IncidentChannelState = {
  __typename?: 'IncidentChannelState';
  channel: IncidentChannel;
  /** Of those, delivered to every recipient (every admin; every stream owed, still there). */
  delivered: Scalars['Int']['output'];
  /** Deliveries (a mail to an admin, a stream's acknowledgement), and failed attempts (each retried). */
  deliveries: Scalars['Int']['output'];
  failedDeliveries: Scalars['Int']['output'];
  /** The last attempt's error, null once a later attempt succeeded. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** Notifications owed on this channel (WEBHOOK: those chained while the organization had an enabled stream). */
  notifications: Scalars['Int']['output'];
  /** When the declaration was delivered on this channel; null until it is. */
  notifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** The notifications of one affected organization: ids and counts, nothing of its data. The top-level counts are the mail channel's. */
export type IncidentOrganization = {
  __typename?: 'IncidentOrganization';
  /** Per channel (MAIL, then WEBHOOK): whether and when the organization was notified. */
  channels: Array<IncidentChannelState>;
  /** Of those, mailed to every admin. */
  delivered: Scalars['Int']['output'];
  /** Mails sent, and mails that failed (each retried). */
  deliveries: Scalars['Int']['output'];
  failedDeliveries: Scalars['Int']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** Notifications owed (the declaration and each update). */
  notifications: Scalars['Int']['output'];
  /** When the declaration was mailed to every admin; null until it is. */
  notifiedAt?: Maybe<Scalars['DateTime']['output']>;
  organizationId: Scalars['ID']['output'];
};

export type IncidentSeverity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type IncidentStatus =
  | 'IDENTIFIED'
  | 'INVESTIGATING'
  | 'MONITORING'
  | 'RESOLVED';

export type IncidentUpdate = {
  __typename?: 'IncidentUpdate';
  message: Scalars['String']['output'];
  postedAt: Scalars['DateTime']['output'];
  status: IncidentStatus;
};

export type IncidentUpdateInput = {
  message: Scalars['String']['input'];
  severity?: InputMaybe<IncidentSeverity>;
  status: IncidentStatus;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Operators only: resolves the incident with a last update. */
  closeIncident: Incident;
  /**
   * An organization ADMIN streams its audit log to a webhook (https; in production to public
   * addresses only): every event from now on, in sequence order, signed with the secret answered
   * here once (`Steward-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">`). Audited.
   */
  createAuditStream: CreatedAuditStream;
  /**
   * Operators only: declares an incident affecting the organizations named, or all of them. Audited
   * in the system chain and in each affected organization's chain; their admins are mailed by
   * `notifyBy` (INCIDENT_NOTIFICATION_HOURS after detection).
   */
  declareIncident: Incident;
  /** An organization ADMIN removes a stream; nothing more is delivered to it. Audited. Answers its id. */
  deleteAuditStream: Scalars['ID']['output'];
  /**
   * Internal, for the subgraphs' outbox relays (and the gateway's access log): appends delivered
   * events, deduplicated by event id, and answers how many were new. An account event without an
   * organization (a sign-in attempt) joins the chain of each organization its user belongs to; an
   * access event or a permission denial without one stays its person's own, in no organization's log.
   */
  ingestAuditEvents: Scalars['Int']['output'];
  /** Internal, for identity: an operator's action done there (an operator role granted or revoked), appended to the system chain. */
  recordOperatorEvent: Scalars['Boolean']['output'];
  /**
   * An organization ADMIN asks for a full verification of its audit chain: a job re-hashes every
   * event kept (from the purge checkpoint, or sequence 1), records its result here and, when the
   * chain holds, signs a verified checkpoint at its head. Answers the queued verification.
   */
  requestAuditChainVerification: AuditChainVerificationRun;
  /** An organization ADMIN changes a stream's URL or turns it off or on (it catches up from where it stopped). Audited. */
  updateAuditStream: AuditStream;
  /** Operators only: a status update (and optionally a new severity), audited and mailed like the declaration. */
  updateIncident: Incident;
};


export type MutationCloseIncidentArgs = {
  id: Scalars['ID']['input'];
  message: Scalars['String']['input'];
};


export type MutationCreateAuditStreamArgs = {
  input: CreateAuditStreamInput;
  organizationId: Scalars['ID']['input'];
};


export type MutationDeclareIncidentArgs = {
  input: DeclareIncidentInput;
};


export type MutationDeleteAuditStreamArgs = {
  id: Scalars['ID']['input'];
};


export type MutationIngestAuditEventsArgs = {
  events: Array<AuditEventInput>;
};


export type MutationRecordOperatorEventArgs = {
  action: Scalars['String']['input'];
  actorId: Scalars['ID']['input'];
  metadata?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationRequestAuditChainVerificationArgs = {
  organizationId: Scalars['ID']['input'];
};


export type MutationUpdateAuditStreamArgs = {
  id: Scalars['ID']['input'];
  input: UpdateAuditStreamInput;
};


export type MutationUpdateIncidentArgs = {
  id: Scalars['ID']['input'];
  input: IncidentUpdateInput;
};

/** An incident as an affected organization's admins see it (the operator's record, shown to them). */
export type OrganizationIncident = {
  __typename?: 'OrganizationIncident';
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  declaredAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  detectedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  severity: IncidentSeverity;
  status: IncidentStatus;
  title: Scalars['String']['output'];
  updates: Array<IncidentUpdate>;
};

/** Shared with the other subgraphs' connections. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Recomputes the hashes of the organization's chain in sequence order from its latest signed
   * checkpoint: the latest verified one (`verifiedCheckpoint`, signed by the checkpointer or a full
   * verification) when there is one, else the checkpoint of purged events, else sequence 1. Events
   * before a verified checkpoint are re-checked by `requestAuditChainVerification`. Same access as
   * `auditEvents`.
   */
  auditChain: AuditChainVerification;
  /**
   * The organization's full chain verifications (see `requestAuditChainVerification`), newest first
   * (20 unless `first` says, at most 100). Same access as `auditEvents`.
   */
  auditChainVerifications: Array<AuditChainVerificationRun>;
  /** The organization's audit log, newest first. For its ADMINs, and its API keys with the `audit:read` scope. */
  auditEvents: AuditEventConnection;
  /**
   * The organization's audit streams with their delivery status. For its ADMINs; NOT_FOUND for anyone
   * outside it.
   */
  auditStreams: Array<AuditStream>;
  /** Operators only: one incident, with per organization whether its admins were notified and when. */
  incident?: Maybe<Incident>;
  /**
   * The incidents that affect the organization (named, or declared for all), newest first (20 unless
   * `first` says, at most 100), with their status updates. For its ADMINs.
   */
  incidents: Array<OrganizationIncident>;
  /** Operators only: every incident, newest first. */
  operatorIncidents: Array<Incident>;
  /** Operators only: recomputes every hash of the system chain and checks it ends on its recorded head. */
  systemAuditChain: AuditChainVerification;
  /**
   * Operators only: the deployment's own audit chain, newest first: database administration (DDL,
   * GRANT/REVOKE, role changes, Steward's migrations) and operators' actions. Never an
   * organization's data: ids, names and counts.
   */
  systemAuditEvents: SystemAuditEventConnection;
};


export type QueryAuditChainArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QueryAuditChainVerificationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryAuditStreamsArgs = {
  organizationId: Scalars['ID']['input'];
};


export type QueryIncidentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIncidentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryOperatorIncidentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySystemAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SystemAuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * One event of the deployment's own chain, in no organization: append-only, hash-chained like an
 * organization's chain. The operator's record, not a tenant's: it holds no organization's data
 * (database users, statements, ids) and is kept for the life of the deployment (no @subject:
 * no organization's or user's export or deletion reaches it).
 */
export type SystemAuditEvent = {
  __typename?: 'SystemAuditEvent';
  /** What happened, dotted: `database.ddl`, `database.privilege`, `database.role.create`. */
  action: Scalars['String']['output'];
  /** Who did it: the database session user, or the operator's user id; null when a comparison cannot tell. */
  actor?: Maybe<Scalars['String']['output']>;
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The details: command tag, objects, session user, application name, client address, statement. */
  metadata?: Maybe<Scalars['JSON']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  previousHash?: Maybe<Scalars['String']['output']>;
  /** Position in the system chain, from 1. */
  sequence: Scalars['Int']['output'];
  source: SystemAuditSource;
};

export type SystemAuditEventConnection = {
  __typename?: 'SystemAuditEventConnection';
  edges: Array<SystemAuditEventEdge>;
  pageInfo: PageInfo;
};

export type SystemAuditEventEdge = {
  __typename?: 'SystemAuditEventEdge';
  cursor: Scalars['String']['output'];
  node: SystemAuditEvent;
};

/** All conditions must hold. */
export type SystemAuditEventFilter = {
  /** Events whose action starts with this text, e.g. `database.role.` (matched literally). */
  actionPrefix?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<SystemAuditSource>;
};

/** Where a system event comes from. */
export type SystemAuditSource =
  /** DDL or GRANT/REVOKE outside Steward's migrations, caught by the event triggers. */
  | 'DATABASE'
  /** DDL run by one of Steward's migrations (named in `metadata.migration`). */
  | 'MIGRATION'
  /** An operator's action through an operator operation. */
  | 'OPERATOR'
  /** A change of the cluster's roles, memberships or event triggers, found by comparing snapshots. */
  | 'ROLES'
  /** Steward itself. */
  | 'STEWARD';

/** Only what is given changes. */
export type UpdateAuditStreamInput = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  format?: InputMaybe<AuditStreamFormat>;
  url?: InputMaybe<Scalars['String']['input']>;
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
  AuditActor: ResolverTypeWrapper<OpenedActorEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditActorInput: AuditActorInput;
  AuditActorType: AuditActorType;
  AuditChainBreak: AuditChainBreak;
  AuditChainVerification: ResolverTypeWrapper<AuditChainVerification>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditChainVerificationRun: ResolverTypeWrapper<AuditChainVerificationRun>;
  AuditChainVerificationStatus: AuditChainVerificationStatus;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  AuditEvent: ResolverTypeWrapper<OpenedAuditEventEntity>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEventEdge']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditEventInput: AuditEventInput;
  AuditOutcome: AuditOutcome;
  AuditStream: ResolverTypeWrapper<AuditStream>;
  AuditStreamFormat: AuditStreamFormat;
  AuditTarget: ResolverTypeWrapper<AuditTarget>;
  AuditTargetInput: AuditTargetInput;
  AuditVerifiedCheckpoint: ResolverTypeWrapper<AuditVerifiedCheckpoint>;
  CreateAuditStreamInput: CreateAuditStreamInput;
  CreatedAuditStream: ResolverTypeWrapper<CreatedAuditStream>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclareIncidentInput: DeclareIncidentInput;
  DestroyStrategy: DestroyStrategy;
  Incident: ResolverTypeWrapper<IncidentEntity>;
  IncidentChannel: IncidentChannel;
  IncidentChannelState: ResolverTypeWrapper<IncidentChannelState>;
  IncidentOrganization: ResolverTypeWrapper<IncidentOrganization>;
  IncidentSeverity: IncidentSeverity;
  IncidentStatus: IncidentStatus;
  IncidentUpdate: ResolverTypeWrapper<IncidentUpdate>;
  IncidentUpdateInput: IncidentUpdateInput;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrganizationIncident: ResolverTypeWrapper<IncidentEntity>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SystemAuditEvent: ResolverTypeWrapper<SystemAuditEvent>;
  SystemAuditEventConnection: ResolverTypeWrapper<SystemAuditEventConnection>;
  SystemAuditEventEdge: ResolverTypeWrapper<SystemAuditEventEdge>;
  SystemAuditEventFilter: SystemAuditEventFilter;
  SystemAuditSource: SystemAuditSource;
  UpdateAuditStreamInput: UpdateAuditStreamInput;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditActor: OpenedActorEntity;
  ID: Scalars['ID']['output'];
  AuditActorInput: AuditActorInput;
  AuditChainVerification: AuditChainVerification;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  AuditChainVerificationRun: AuditChainVerificationRun;
  AuditCheckpoint: AuditCheckpoint;
  AuditEvent: OpenedAuditEventEntity;
  AuditEventConnection: Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEventEdge']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  AuditEventInput: AuditEventInput;
  AuditStream: AuditStream;
  AuditTarget: AuditTarget;
  AuditTargetInput: AuditTargetInput;
  AuditVerifiedCheckpoint: AuditVerifiedCheckpoint;
  CreateAuditStreamInput: CreateAuditStreamInput;
  CreatedAuditStream: CreatedAuditStream;
  DateTime: Scalars['DateTime']['output'];
  DeclareIncidentInput: DeclareIncidentInput;
  Incident: IncidentEntity;
  IncidentChannelState: IncidentChannelState;
  IncidentOrganization: IncidentOrganization;
  IncidentUpdate: IncidentUpdate;
  IncidentUpdateInput: IncidentUpdateInput;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  OrganizationIncident: IncidentEntity;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SystemAuditEvent: SystemAuditEvent;
  SystemAuditEventConnection: SystemAuditEventConnection;
  SystemAuditEventEdge: SystemAuditEventEdge;
  SystemAuditEventFilter: SystemAuditEventFilter;
  UpdateAuditStreamInput: UpdateAuditStreamInput;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DestroyDirectiveArgs = {
  strategy: DestroyStrategy;
};

export type DestroyDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = DestroyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExportDirectiveArgs = {
  label?: Maybe<Scalars['String']['input']>;
};

export type ExportDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = ExportDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RetainDirectiveArgs = {
  for: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

export type RetainDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = RetainDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type SubjectDirectiveArgs = {
  tenant?: Maybe<Scalars['String']['input']>;
  user?: Maybe<Scalars['String']['input']>;
};

export type SubjectDirectiveResolver<Result, Parent, ContextType = AuditContext, Args = SubjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditActorResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = ResolversObject<{
  deviceType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['AuditActorType'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditChainVerificationResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditChainVerification'] = ResolversParentTypes['AuditChainVerification']> = ResolversObject<{
  breakReason?: Resolver<Maybe<ResolversTypes['AuditChainBreak']>, ParentType, ContextType>;
  brokenAt?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['AuditCheckpoint']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  recordedHeadSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verifiedCheckpoint?: Resolver<Maybe<ResolversTypes['AuditVerifiedCheckpoint']>, ParentType, ContextType>;
}>;

export type AuditChainVerificationRunResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditChainVerificationRun'] = ResolversParentTypes['AuditChainVerificationRun']> = ResolversObject<{
  breakReason?: Resolver<Maybe<ResolversTypes['AuditChainBreak']>, ParentType, ContextType>;
  brokenAt?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AuditChainVerificationStatus'], ParentType, ContextType>;
  valid?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type AuditCheckpointResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = ResolversObject<{
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purgedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureValid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  erased?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  previousHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['AuditTarget']>, ParentType, ContextType>;
}>;

export type AuditEventConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AuditEventEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
}>;

export type AuditStreamResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditStream'] = ResolversParentTypes['AuditStream']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredSequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  failures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['AuditStreamFormat'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastDeliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastErrorAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditTargetResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditTarget'] = ResolversParentTypes['AuditTarget']> = ResolversObject<{
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditVerifiedCheckpointResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditVerifiedCheckpoint'] = ResolversParentTypes['AuditVerifiedCheckpoint']> = ResolversObject<{
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureValid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type CreatedAuditStreamResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['CreatedAuditStream'] = ResolversParentTypes['CreatedAuditStream']> = ResolversObject<{
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['AuditStream'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IncidentResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Incident'] = ResolversParentTypes['Incident']> = ResolversObject<{
  allOrganizations?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  declaredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notifyBy?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organizations?: Resolver<Array<ResolversTypes['IncidentOrganization']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['IncidentSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updates?: Resolver<Array<ResolversTypes['IncidentUpdate']>, ParentType, ContextType>;
}>;

export type IncidentChannelStateResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['IncidentChannelState'] = ResolversParentTypes['IncidentChannelState']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['IncidentChannel'], ParentType, ContextType>;
  delivered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deliveries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failedDeliveries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notifications?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type IncidentOrganizationResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['IncidentOrganization'] = ResolversParentTypes['IncidentOrganization']> = ResolversObject<{
  channels?: Resolver<Array<ResolversTypes['IncidentChannelState']>, ParentType, ContextType>;
  delivered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deliveries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failedDeliveries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notifications?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type IncidentUpdateResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['IncidentUpdate'] = ResolversParentTypes['IncidentUpdate']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  closeIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationCloseIncidentArgs, 'id' | 'message'>>;
  createAuditStream?: Resolver<ResolversTypes['CreatedAuditStream'], ParentType, ContextType, RequireFields<MutationCreateAuditStreamArgs, 'input' | 'organizationId'>>;
  declareIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationDeclareIncidentArgs, 'input'>>;
  deleteAuditStream?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteAuditStreamArgs, 'id'>>;
  ingestAuditEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationIngestAuditEventsArgs, 'events'>>;
  recordOperatorEvent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordOperatorEventArgs, 'action' | 'actorId'>>;
  requestAuditChainVerification?: Resolver<ResolversTypes['AuditChainVerificationRun'], ParentType, ContextType, RequireFields<MutationRequestAuditChainVerificationArgs, 'organizationId'>>;
  updateAuditStream?: Resolver<ResolversTypes['AuditStream'], ParentType, ContextType, RequireFields<MutationUpdateAuditStreamArgs, 'id' | 'input'>>;
  updateIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationUpdateIncidentArgs, 'id' | 'input'>>;
}>;

export type OrganizationIncidentResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['OrganizationIncident'] = ResolversParentTypes['OrganizationIncident']> = ResolversObject<{
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  declaredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['IncidentSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updates?: Resolver<Array<ResolversTypes['IncidentUpdate']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditChain?: Resolver<ResolversTypes['AuditChainVerification'], ParentType, ContextType, RequireFields<QueryAuditChainArgs, 'organizationId'>>;
  auditChainVerifications?: Resolver<Array<ResolversTypes['AuditChainVerificationRun']>, ParentType, ContextType, RequireFields<QueryAuditChainVerificationsArgs, 'organizationId'>>;
  auditEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'organizationId'>>;
  auditStreams?: Resolver<Array<ResolversTypes['AuditStream']>, ParentType, ContextType, RequireFields<QueryAuditStreamsArgs, 'organizationId'>>;
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType, RequireFields<QueryIncidentArgs, 'id'>>;
  incidents?: Resolver<Array<ResolversTypes['OrganizationIncident']>, ParentType, ContextType, RequireFields<QueryIncidentsArgs, 'organizationId'>>;
  operatorIncidents?: Resolver<Array<ResolversTypes['Incident']>, ParentType, ContextType, Partial<QueryOperatorIncidentsArgs>>;
  systemAuditChain?: Resolver<ResolversTypes['AuditChainVerification'], ParentType, ContextType>;
  systemAuditEvents?: Resolver<ResolversTypes['SystemAuditEventConnection'], ParentType, ContextType, Partial<QuerySystemAuditEventsArgs>>;
}>;

export type SystemAuditEventResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SystemAuditEvent'] = ResolversParentTypes['SystemAuditEvent']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  previousHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['SystemAuditSource'], ParentType, ContextType>;
}>;

export type SystemAuditEventConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SystemAuditEventConnection'] = ResolversParentTypes['SystemAuditEventConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SystemAuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type SystemAuditEventEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SystemAuditEventEdge'] = ResolversParentTypes['SystemAuditEventEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SystemAuditEvent'], ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = AuditContext> = ResolversObject<{
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditChainVerification?: AuditChainVerificationResolvers<ContextType>;
  AuditChainVerificationRun?: AuditChainVerificationRunResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditStream?: AuditStreamResolvers<ContextType>;
  AuditTarget?: AuditTargetResolvers<ContextType>;
  AuditVerifiedCheckpoint?: AuditVerifiedCheckpointResolvers<ContextType>;
  CreatedAuditStream?: CreatedAuditStreamResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Incident?: IncidentResolvers<ContextType>;
  IncidentChannelState?: IncidentChannelStateResolvers<ContextType>;
  IncidentOrganization?: IncidentOrganizationResolvers<ContextType>;
  IncidentUpdate?: IncidentUpdateResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  OrganizationIncident?: OrganizationIncidentResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SystemAuditEvent?: SystemAuditEventResolvers<ContextType>;
  SystemAuditEventConnection?: SystemAuditEventConnectionResolvers<ContextType>;
  SystemAuditEventEdge?: SystemAuditEventEdgeResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = AuditContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  destroy?: DestroyDirectiveResolver<any, any, ContextType>;
  export?: ExportDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  retain?: RetainDirectiveResolver<any, any, ContextType>;
  subject?: SubjectDirectiveResolver<any, any, ContextType>;
}>;
