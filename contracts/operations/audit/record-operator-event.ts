import { operationContract } from '../../contract.ts';
import type {
  RecordOperatorEventMutation,
  RecordOperatorEventMutationVariables,
} from '../generated/audit.ts';

/** An operator's action in identity (granting or revoking the operator role) or lifecycle (reading backups), for the system chain. */
export const recordOperatorEventOperation = operationContract<
  RecordOperatorEventMutation,
  RecordOperatorEventMutationVariables
>({
  owner: 'audit',
  callers: ['identity', 'lifecycle'],
  document: /* GraphQL */ `
    mutation RecordOperatorEvent($actorId: ID!, $action: String!, $metadata: JSON) {
      recordOperatorEvent(actorId: $actorId, action: $action, metadata: $metadata)
    }
  `,
});
