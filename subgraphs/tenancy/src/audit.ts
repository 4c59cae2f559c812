import { actorOf, recordAuditEvent, type OutboxEvent } from '../../protocols/audit-outbox/audit-outbox.ts';
import type { TenancyContext } from './context.ts';

export type TenancyAction =
  | 'tenancy.organization.created'
  | 'tenancy.project.created'
  | 'tenancy.member.invited'
  | 'tenancy.invitation.accepted'
  | 'tenancy.member.role_changed'
  | 'tenancy.project_role.changed'
  | 'tenancy.member.removed'
  | 'tenancy.contract.changed';

export interface TenancyEvent {
  action: TenancyAction;
  organizationId: string;
  target: OutboxEvent['target'];
  metadata?: Record<string, unknown>;
}

/**
 * Records a change in the request's transaction (outbox): it commits with the change or not at
 * all. Only successes: a failed request rolls back, its event included.
 */
export function recordTenancyEvent(ctx: TenancyContext, event: TenancyEvent): Promise<void> {
  return recordAuditEvent(ctx.em, 'tenancy', {
    ...event,
    outcome: 'SUCCESS',
    actor: actorOf(ctx.principal, ctx.origin),
  });
}
