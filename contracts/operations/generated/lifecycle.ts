/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type ScheduleContractDeletionMutationVariables = Exact<{
  organizationId: string | number;
  contractEndsAt: string;
  endedBy?: string | number | null | undefined;
}>;


export type ScheduleContractDeletionMutation = { scheduleContractDeletion: boolean };
