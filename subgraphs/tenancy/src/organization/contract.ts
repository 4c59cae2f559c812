import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import type { Organization, OrganizationStatus } from './organization.entity.ts';
import { lockOrganization } from './organization.repository.ts';
import { scheduleContractDeletionOperation } from '../../../../contracts/operations/lifecycle/schedule-contract-deletion.ts';
import type { TenancyContext } from '../context.ts';

export interface ContractChange {
  organizationId: string;
  endsAt: Date;
  now: Date;
}

export interface ContractChanged {
  organization: Organization;
  previous: { status: OrganizationStatus; contractEndsAt: Date | null };
  /** The contract has ended (now or before). */
  ended: boolean;
}

/** Ended once its end is not in the future; a later date (an extension) makes it ACTIVE again. */
export const contractStatus = (endsAt: Date, now: Date): OrganizationStatus =>
  endsAt.getTime() <= now.getTime() ? 'CONTRACT_ENDED' : 'ACTIVE';

/**
 * Sets when an organization's contract ends. This is the seam for the lifecycle: an organization
 * whose contract ended must be deleted within 30 days, and scheduling that deletion starts from
 * here (`ended`, and the `tenancy.contract.changed` audit event carrying the new status and date).
 * Once a deletion is scheduled, the contract no longer moves: cancel the deletion first.
 */
export async function setContractEnd(em: EntityManager, change: ContractChange): Promise<ContractChanged> {
  const organization = await lockOrganization(em, change.organizationId);
  if (!organization) throw notFound('Organization');
  if (organization.status === 'DELETION_SCHEDULED') {
    throw stewardError(ErrorCode.CONFLICT, "The organization's deletion is scheduled");
  }
  const previous = { status: organization.status, contractEndsAt: organization.contractEndsAt ?? null };
  organization.contractEndsAt = change.endsAt;
  organization.status = contractStatus(change.endsAt, change.now);
  await em.flush();
  return { organization, previous, ended: organization.status === 'CONTRACT_ENDED' };
}

/** Asks lifecycle to schedule the organization's deletion at most 30 days after its contract ends. */
export async function scheduleContractDeletion(
  ctx: TenancyContext,
  organizationId: string,
  endsAt: Date,
): Promise<void> {
  if (!ctx.internal) throw new Error('tenancy has no service key to call lifecycle');
  await ctx.internal(
    scheduleContractDeletionOperation,
    {
      organizationId,
      contractEndsAt: endsAt.toISOString(),
      // The admin who set the end keeps access to the deletion's certificate (not a partner key).
      endedBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
    },
    ctx.origin,
  );
}
