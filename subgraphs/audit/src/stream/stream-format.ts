import type { OpenedContent } from '../content/content-open.ts';
import type { JsonValue } from '../../../../platform/canonical-json.ts';

/** An event of an organization's chain as stored (audit.events). */
export interface StoredEventRow {
  id: string;
  organization_id: string;
  sequence: string | number;
  occurred_at: string | Date;
  action: string;
  outcome: string;
  actor_type: string;
  actor_id: string | null;
  actor_ip: string | null;
  actor_user_agent: string | null;
  actor_device_type: string | null;
  target_type: string | null;
  target_id: string | null;
  metadata: JsonValue;
  hash: string;
  previous_hash: string | null;
}

/** A stored row with its content opened (content-open.ts): what a stream delivers. */
export type OpenedEventRow = StoredEventRow & { opened: OpenedContent };

/**
 * The events a customer acts on, named for its webhooks: an incident affecting it, and the
 * lifecycle subgraph's notices (written in the transaction of what they report, through its audit
 * outbox: delivered at least once, in chain order, whatever process dies on the way).
 */
const NOTICES: Record<string, string> = {
  'incident.declare': 'INCIDENT',
  'incident.update': 'INCIDENT',
  'incident.close': 'INCIDENT',
  'lifecycle.export.completed': 'EXPORT_READY',
  'lifecycle.deletion.requested': 'DELETION_SCHEDULED',
  'lifecycle.deletion.scheduled': 'DELETION_SCHEDULED',
  'lifecycle.deletion.completed': 'DELETION_COMPLETED',
  'lifecycle.contract.ended': 'CONTRACT_ENDED',
};
export const noticeOf = (action: string): string | null => NOTICES[action] ?? null;

/** Steward's JSON: each event as `auditEvents` answers it, with its id, chain sequence and notice. */
export const stewardEvent = (row: OpenedEventRow) => ({
  id: row.id,
  notice: noticeOf(row.action),
  sequence: Number(row.sequence),
  occurredAt: new Date(row.occurred_at).toISOString(),
  action: row.action,
  outcome: row.outcome,
  actor: {
    type: row.actor_type,
    id: row.actor_id,
    ip: row.opened.actorIp,
    userAgent: row.opened.actorUserAgent,
    deviceType: row.actor_device_type,
  },
  target: row.target_type === null ? null : { type: row.target_type, id: row.target_id },
  metadata: row.opened.metadata,
  erased: row.opened.erased,
  hash: row.hash,
  previousHash: row.previous_hash,
});

/** OCSF API Activity (category 6, Application Activity): every Steward action is an API call. */
const API_ACTIVITY = 6003;
/** The OCSF activity from the action's verb (its last segment): Create 1, Read 2, Update 3, Delete 4, Other 99. */
function activityOf(action: string): { id: number; name: string } {
  const verb = action.split('.').at(-1) ?? '';
  if (/^(create|add|issue|invite|declare|register|grant|request)/.test(verb))
    return { id: 1, name: 'Create' };
  if (/^(read|list|export|download|verify)/.test(verb)) return { id: 2, name: 'Read' };
  if (/^(update|change|set|rename|enable|disable|accept|close|restore)/.test(verb))
    return { id: 3, name: 'Update' };
  if (/^(delete|remove|revoke|destroy|purge|erase)/.test(verb)) return { id: 4, name: 'Delete' };
  return { id: 99, name: 'Other' };
}

/**
 * The Open Cybersecurity Schema Framework (1.3.0), class API Activity: what AWS Security Lake,
 * Splunk and other SIEMs read natively (chosen over the Elastic Common Schema, which is one
 * vendor's). The event id is `metadata.uid`, its chain position `metadata.sequence`; what OCSF
 * has no place for (the hashes, Steward's details) is under `unmapped`.
 */
export function ocsfEvent(row: OpenedEventRow, organizationId: string) {
  const { actorIp, actorUserAgent, metadata, erased } = row.opened;
  const activity = activityOf(row.action);
  const success = row.outcome === 'SUCCESS';
  return {
    class_uid: API_ACTIVITY,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: API_ACTIVITY * 100 + activity.id,
    time: new Date(row.occurred_at).getTime(),
    severity_id: success ? 1 : 3,
    status_id: success ? 1 : 2,
    status: success ? 'Success' : 'Failure',
    status_detail: row.outcome,
    metadata: {
      version: '1.3.0',
      uid: row.id,
      sequence: Number(row.sequence),
      tenant_uid: organizationId,
      product: { name: 'Steward', vendor_name: 'Steward' },
    },
    actor: {
      user: row.actor_type === 'USER' ? { uid: row.actor_id, type: 'User' } : undefined,
      app_name: row.actor_type === 'USER' ? undefined : (row.actor_id ?? row.actor_type),
    },
    api: { operation: row.action },
    src_endpoint: actorIp ? { ip: actorIp } : undefined,
    http_request: actorUserAgent ? { user_agent: actorUserAgent } : undefined,
    resources: row.target_type ? [{ type: row.target_type, uid: row.target_id }] : [],
    unmapped: {
      notice: noticeOf(row.action),
      actor_type: row.actor_type,
      device_type: row.actor_device_type,
      details: metadata,
      erased,
      hash: row.hash,
      previous_hash: row.previous_hash,
    },
  };
}
