import type { EntityManager } from '../../../runtime/orm.ts';
import type { RetentionCategory, RetentionRuleInput, StoredRule } from './retention-policy.ts';

/** The organization's stored rules (the ones it set; defaults are not stored). */
export async function storedRulesOf(em: EntityManager, organizationId: string): Promise<StoredRule[]> {
  const rows = await em.execute<{ category: RetentionCategory; keepFor: string; updatedAt: string | Date }[]>(
    `select category, keep_for as "keepFor", updated_at as "updatedAt"
       from lifecycle.retention_rules where organization_id = ?`,
    [organizationId],
  );
  // Raw SQL answers timestamps as text: the DateTime scalar wants dates.
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}

/**
 * Makes the organization's stored rules exactly `rules`, in the caller's transaction: categories
 * left out are removed (back to their defaults); a rule whose duration is unchanged keeps its
 * updatedAt. Serialized per organization, so two admins' changes never interleave.
 */
export async function replaceRules(
  em: EntityManager,
  organizationId: string,
  rules: readonly RetentionRuleInput[],
): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('lifecycle.retention:' || ?::text))`, [
    organizationId,
  ]);
  await em.execute(
    `delete from lifecycle.retention_rules where organization_id = ? and not (category = any(?::text[]))`,
    [organizationId, `{${rules.map((rule) => rule.category).join(',')}}`],
  );
  for (const rule of rules) {
    await em.execute(
      `insert into lifecycle.retention_rules (id, organization_id, category, keep_for) values (?, ?, ?, ?)
       on conflict (organization_id, category) do update set keep_for = excluded.keep_for, updated_at = now()
         where lifecycle.retention_rules.keep_for <> excluded.keep_for`,
      [crypto.randomUUID(), organizationId, rule.category, rule.keepFor],
    );
  }
}
