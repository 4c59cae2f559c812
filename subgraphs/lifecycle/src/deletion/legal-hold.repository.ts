import type { EntityManager } from '@mikro-orm/postgresql';

// Legal holds have no GraphQL type of their own: a row stands while the hold does.

/** Whether any of these organizations is under a legal hold. */
export async function anyHeld(em: EntityManager, organizationIds: readonly string[]): Promise<boolean> {
  if (!organizationIds.length) return false;
  const rows = await em.execute(
    `select 1 from lifecycle.legal_holds where organization_id = any(?::uuid[])`,
    [`{${organizationIds.join(',')}}`],
  );
  return rows.length > 0;
}

export const placeHold = (
  em: EntityManager,
  organizationId: string,
  reason: string | null,
  placedBy: string,
) =>
  em.execute(
    `insert into lifecycle.legal_holds (organization_id, reason, placed_by) values (?, ?, ?)
     on conflict (organization_id) do update set reason = excluded.reason`,
    [organizationId, reason, placedBy],
  );

export const liftHold = (em: EntityManager, organizationId: string) =>
  em.execute(`delete from lifecycle.legal_holds where organization_id = ?`, [organizationId]);

export async function holdOf(
  em: EntityManager,
  organizationId: string,
): Promise<{ reason: string | null; since: Date } | null> {
  const [hold] = await em.execute<{ reason: string | null; since: string }[]>(
    `select reason, placed_at as since from lifecycle.legal_holds where organization_id = ?`,
    [organizationId],
  );
  return hold ? { reason: hold.reason, since: new Date(hold.since) } : null;
}
