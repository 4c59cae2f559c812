import { scalarResolvers } from '../../kit/scalars.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { listAuditEvents } from './event/audit-event.repository.ts';

export function createAuditResolvers(): Resolvers {
  return {
    ...scalarResolvers,
    Query: {
      auditEvents: (_parent, { organizationId, filter, first, after }, ctx) =>
        listAuditEvents(ctx.em, organizationId, filter, first, after),
    },
    AuditEvent: {
      actor: (event) => ({
        type: event.actorType,
        id: event.actorId,
        ip: event.actorIp,
        userAgent: event.actorUserAgent,
        deviceType: event.actorDeviceType,
      }),
      target: (event) => (event.targetType == null ? null : { type: event.targetType, id: event.targetId }),
    },
  };
}
