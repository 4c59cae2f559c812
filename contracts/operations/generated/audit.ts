/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type AuditActorInput = {
  deviceType?: string | null | undefined;
  id?: string | number | null | undefined;
  ip?: string | null | undefined;
  type: AuditActorType;
  userAgent?: string | null | undefined;
};

export type AuditActorType =
  | 'API_KEY'
  | 'SYSTEM'
  | 'USER';

/** An event as a subgraph recorded it in its outbox; the outbox row id is its id. */
export type AuditEventInput = {
  action: string;
  actor: AuditActorInput;
  id: string | number;
  metadata?: unknown;
  occurredAt: string;
  /** Null for a user's own event: a sign-in attempt joins the chains of the user's organizations; an access event or a permission denial joins none. */
  organizationId?: string | number | null | undefined;
  outcome: AuditOutcome;
  target?: AuditTargetInput | null | undefined;
};

export type AuditOutcome =
  | 'DENIED'
  | 'FAILURE'
  | 'SUCCESS';

export type AuditTargetInput = {
  id?: string | number | null | undefined;
  type: string;
};

export type IngestAuditEventsMutationVariables = Exact<{
  events: Array<AuditEventInput> | AuditEventInput;
}>;


export type IngestAuditEventsMutation = { ingestAuditEvents: number };

export type RecordOperatorEventMutationVariables = Exact<{
  actorId: string | number;
  action: string;
  metadata?: unknown;
}>;


export type RecordOperatorEventMutation = { recordOperatorEvent: boolean };
