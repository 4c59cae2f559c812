import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { Principal, RequestOrigin } from '../../../../platform/principal.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import type { PasskeyRefusal } from './passkey-refusal.ts';

type Request = { principal: Principal; origin: RequestOrigin };

/** A passkey registered, renamed or removed: the person's own event (delivery fans it out). */
export async function auditPasskeyChange(
  em: EntityManager,
  request: Request,
  change: {
    action: 'registered' | 'renamed' | 'removed';
    userId: string;
    passkeyId: string;
    metadata?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAuditEvent(em, 'identity', {
    action: `identity.passkey.${change.action}`,
    outcome: 'SUCCESS',
    organizationId: null,
    actor: actorOf(request.principal, request.origin, deviceTypeOf(request.origin.userAgent)),
    target: { type: 'User', id: change.userId },
    metadata: { passkeyId: change.passkeyId, ...change.metadata },
  });
}

/** A refused registration or assertion, with why (a cloned authenticator among the reasons). */
export async function auditPasskeyRefusal(
  em: EntityManager,
  request: Request,
  refusal: PasskeyRefusal,
  ceremony: { kind: 'registration' | 'assertion'; ceremonyId?: string | null },
): Promise<void> {
  await recordAuditEvent(em, 'identity', {
    action: `identity.passkey.${ceremony.kind}_failed`,
    outcome: 'FAILURE',
    organizationId: null,
    actor: actorOf(request.principal, request.origin, deviceTypeOf(request.origin.userAgent)),
    target: refusal.userId ? { type: 'User', id: refusal.userId } : null,
    metadata: {
      reason: refusal.reason,
      passkeyId: refusal.passkeyId,
      ...(ceremony.ceremonyId ? { ceremonyId: ceremony.ceremonyId } : {}),
    },
  });
}
