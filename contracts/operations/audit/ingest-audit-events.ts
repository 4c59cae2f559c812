import { operationContract } from '../../contract.ts';
import type { IngestAuditEventsMutation, IngestAuditEventsMutationVariables } from '../generated/audit.ts';

export type { AuditEventInput } from '../generated/audit.ts';

/**
 * Delivers audit events: the gateway's access events, and each subgraph's outbox through its
 * relay. Audit dedupes by event id and answers how many were new.
 */
export const ingestAuditEventsOperation = operationContract<
  IngestAuditEventsMutation,
  IngestAuditEventsMutationVariables
>({
  owner: 'audit',
  callers: ['gateway', 'identity', 'tenancy', 'lifecycle'],
  document: /* GraphQL */ `
    mutation IngestAuditEvents($events: [AuditEventInput!]!) {
      ingestAuditEvents(events: $events)
    }
  `,
});
