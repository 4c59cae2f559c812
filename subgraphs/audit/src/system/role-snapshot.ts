import type { EntityManager } from '@mikro-orm/postgresql';
import { canonicalJson, type JsonValue } from '../../../../platform/canonical-json.ts';
import type { SystemEventInput } from './system-chain.repository.ts';

/**
 * What the cluster's roles look like: CREATE/ALTER/DROP ROLE and role grants are global, and no
 * event trigger sees them, so each comparison diffs this against the last snapshot. The event
 * triggers' own state is in it too: disabling or dropping one is not DDL they would record.
 */
export interface RoleSnapshot {
  roles: Record<string, { [attribute: string]: JsonValue }>;
  memberships: string[];
  eventTriggers: Record<string, string>;
}

export async function takeRoleSnapshot(em: EntityManager): Promise<RoleSnapshot> {
  const roles = await em.execute<({ rolname: string } & { [attribute: string]: JsonValue })[]>(
    `select rolname, rolsuper as superuser, rolinherit as inherit, rolcreaterole as "createRole",
        rolcreatedb as "createDb", rolcanlogin as login, rolreplication as replication,
        rolbypassrls as "bypassRls", rolconnlimit as "connectionLimit",
        to_char(rolvaliduntil at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "validUntil"
      from pg_roles where rolname not like 'pg\\_%' order by rolname`,
  );
  const memberships = await em.execute<{ grant: string }[]>(
    `select r.rolname || ' -> ' || m.rolname || case when a.admin_option then ' (admin)' else '' end as grant
      from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member
      order by 1`,
  );
  const triggers = await em.execute<{ evtname: string; evtenabled: string }[]>(
    `select evtname, evtenabled from pg_event_trigger order by evtname`,
  );
  return {
    roles: Object.fromEntries(roles.map(({ rolname, ...attributes }) => [rolname, attributes])),
    memberships: memberships.map((m) => m.grant),
    eventTriggers: Object.fromEntries(triggers.map((t) => [t.evtname, t.evtenabled])),
  };
}

/** The events that turn `before` into `after`; the first snapshot is one baseline event. */
export function roleChanges(before: RoleSnapshot | null, after: RoleSnapshot): SystemEventInput[] {
  if (!before) {
    return [
      {
        source: 'ROLES',
        action: 'database.role.baseline',
        actor: null,
        metadata: {
          roles: Object.keys(after.roles),
          memberships: after.memberships,
          eventTriggers: after.eventTriggers,
        },
      },
    ];
  }
  const events: SystemEventInput[] = [];
  const event = (action: string, metadata: unknown) =>
    events.push({ source: 'ROLES', action, actor: null, metadata });
  for (const [role, attributes] of Object.entries(after.roles)) {
    const previous = before.roles[role];
    if (!previous) event('database.role.create', { role, attributes });
    else if (canonicalJson(previous) !== canonicalJson(attributes)) {
      event('database.role.alter', { role, before: previous, after: attributes });
    }
  }
  for (const role of Object.keys(before.roles)) {
    if (!(role in after.roles)) event('database.role.drop', { role });
  }
  const had = new Set(before.memberships);
  const has = new Set(after.memberships);
  for (const grant of after.memberships) if (!had.has(grant)) event('database.role.grant', { grant });
  for (const grant of before.memberships) if (!has.has(grant)) event('database.role.revoke', { grant });
  const names = new Set([...Object.keys(before.eventTriggers), ...Object.keys(after.eventTriggers)]);
  for (const name of names) {
    if (before.eventTriggers[name] !== after.eventTriggers[name]) {
      event('database.event-trigger.change', {
        eventTrigger: name,
        before: before.eventTriggers[name] ?? null,
        after: after.eventTriggers[name] ?? null,
      });
    }
  }
  return events;
}
