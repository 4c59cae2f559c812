import type { SubjectDataDeclaration } from '../../kit/lifecycle/subject-data.ts';
import { AuditEventSchema } from './event/audit-event.entity.ts';

/** Where audit's `@subject` types are stored. */
export const auditSubjectData: SubjectDataDeclaration = {
  schema: 'audit',
  types: {
    AuditEvent: {
      entity: AuditEventSchema,
      nested: {
        actor: {
          type: 'actorType',
          id: 'actorId',
          ip: 'actorIp',
          userAgent: 'actorUserAgent',
          deviceType: 'actorDeviceType',
        },
        target: { type: 'targetType', id: 'targetId' },
      },
    },
  },
  unexposed: [],
};
