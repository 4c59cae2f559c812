import {
  DESTRUCTION_PROGRESS_TABLE,
  type SubjectDataDeclaration,
} from '../../protocols/subject-data/subject-data.ts';
import { AuditEventSchema } from './event/audit-event.entity.ts';
import { exportedEventOpener } from './content/export-opener.ts';

/** Where audit's `@subject` types are stored, and its tables no type exposes. */
export const auditSubjectData: SubjectDataDeclaration = {
  schema: 'audit',
  types: {
    AuditEvent: {
      entity: AuditEventSchema,
      // Kept (every field is @retain), and counted in a user's certificate: the events the user
      // did, and those done to them (a failed sign-in has a target, no actor).
      alsoOfUser: `actor_id = ? or (target_type = 'User' and target_id = ?)`,
      // The time as its hash covers it (ISO, milliseconds, `Z`), not as to_json writes a
      // timestamptz (`+00:00`): an archived event re-verifies as it reads.
      derived: { occurredAt: `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
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
      openRecords: exportedEventOpener,
    },
  },
  unexposed: [
    {
      table: 'retention',
      strategy: 'ERASE',
      subject: 'organization_id',
      reason:
        "The organization's audit retention period; erased with it, so its retained events fall back " +
        'to the 12-month floor their @retain allows',
      destroyWhere: { organization: 'organization_id = ?' },
    },
    {
      table: 'chain_heads',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        "Sequence and hash of the last link of an organization's audit chain, keyed by its id alone: " +
        'tamper evidence, quoted in certificates of destruction, which the runtime role cannot delete',
    },
    {
      table: 'checkpoints',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        'Signed sequence and hash of each purged prefix of an audit chain, keyed by the organization id ' +
        'alone: append-only tamper evidence, kept so what remains of the chain still verifies',
    },
    {
      table: 'verified_checkpoints',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        'Signed sequence and hash up to which an audit chain was verified, keyed by the organization id ' +
        'alone: append-only tamper evidence, where auditChain starts re-hashing',
    },
    {
      table: 'chain_verifications',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        "Full verifications of an organization's audit chain: counts, sequences and hashes by the " +
        'organization id alone (no requester, no content), the evidence that the chain was checked',
    },
    {
      table: 'system_events',
      strategy: 'NONE',
      subject: 'none: the deployment (no organization, no user)',
      reason:
        "The system audit chain: database administration and operators' actions, the operator's " +
        "record, not a tenant's; it holds ids, database users and statements, kept for the life of the deployment",
    },
    {
      table: 'system_chain_head',
      strategy: 'NONE',
      subject: 'none: the deployment',
      reason: "Sequence and hash of the system chain's last link: tamper evidence of the system chain",
    },
    {
      table: 'role_snapshots',
      strategy: 'NONE',
      subject: 'none: the deployment',
      reason: "The cluster's roles as last compared, to find role changes no event trigger sees",
    },
    {
      table: 'incidents',
      strategy: 'NONE',
      subject: 'none: the deployment (declared by an operator)',
      reason:
        "The operator's incident record (title, description, severity, times), not a tenant's: kept for " +
        'the life of the deployment, as the evidence that incidents were declared and notified',
    },
    {
      table: 'incident_updates',
      strategy: 'NONE',
      subject: 'none: the deployment',
      reason: "An incident's status updates, written by operators: part of the operator's incident record",
    },
    {
      table: 'incident_organizations',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        'Which organizations an incident affected, by id alone: the evidence that they were notified, ' +
        "kept after an organization's deletion (an id, none of its data)",
    },
    {
      table: 'incident_notifications',
      strategy: 'NONE',
      subject: 'organization_id',
      reason:
        "When each affected organization's admins were notified of each update, by organization id " +
        'alone: the evidence of the 24-hour notification promise',
    },
    {
      table: 'incident_deliveries',
      strategy: 'ERASE',
      subject: 'recipient_user_id',
      reason:
        'Each incident mail to an admin, by user id: erased with the user (the notification keeps ' +
        'when the organization was notified)',
      destroyWhere: { user: 'recipient_user_id = ?' },
    },
    {
      table: 'streams',
      strategy: 'ERASE',
      subject: 'organization_id',
      reason:
        "The organization's audit streams (receiver URL, sealed signing secret, delivery state): its " +
        'configuration, erased with it; exposed as AuditStream, which no export needs (the events are exported)',
      destroyWhere: { organization: 'organization_id = ?' },
    },
    DESTRUCTION_PROGRESS_TABLE,
  ],
};
