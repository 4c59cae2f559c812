import type { EntityManager } from '@mikro-orm/postgresql';

/** Whether the user holds an operator role granted by another operator, not revoked. */
export async function hasOperatorGrant(em: EntityManager, userId: string): Promise<boolean> {
  const rows = await em.execute<{ one: number }[]>(
    'select 1 as one from identity.operator_grants where user_id = ? and revoked_at is null',
    [userId],
  );
  return rows.length > 0;
}

/** Grants the role (again); answers whether anything changed. */
export async function grantOperatorRole(em: EntityManager, userId: string, by: string, now: Date) {
  const rows = await em.execute<{ user_id: string }[]>(
    `insert into identity.operator_grants (user_id, granted_by, granted_at) values (?, ?, ?)
      on conflict (user_id) do update set granted_by = excluded.granted_by, granted_at = excluded.granted_at,
        revoked_by = null, revoked_at = null
        where identity.operator_grants.revoked_at is not null
      returning user_id`,
    [userId, by, now],
  );
  return rows.length > 0;
}

/** Revokes a granted role; answers whether anything changed. */
export async function revokeOperatorRole(em: EntityManager, userId: string, by: string, now: Date) {
  const rows = await em.execute<{ user_id: string }[]>(
    `update identity.operator_grants set revoked_by = ?, revoked_at = ?
      where user_id = ? and revoked_at is null returning user_id`,
    [by, now, userId],
  );
  return rows.length > 0;
}
