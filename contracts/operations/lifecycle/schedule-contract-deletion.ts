import { operationContract } from '../../contract.ts';
import type {
  ScheduleContractDeletionMutation,
  ScheduleContractDeletionMutationVariables,
} from '../generated/lifecycle.ts';

/** Schedules an organization's deletion at most 30 days after its contract ends: tenancy calls it from endContract. */
export const scheduleContractDeletionOperation = operationContract<
  ScheduleContractDeletionMutation,
  ScheduleContractDeletionMutationVariables
>({
  owner: 'lifecycle',
  callers: ['tenancy'],
  document: /* GraphQL */ `
    mutation ScheduleContractDeletion($organizationId: ID!, $contractEndsAt: DateTime!, $endedBy: ID) {
      scheduleContractDeletion(
        organizationId: $organizationId
        contractEndsAt: $contractEndsAt
        endedBy: $endedBy
      )
    }
  `,
});
