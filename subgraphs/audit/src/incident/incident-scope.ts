import type { EntityManager } from '@mikro-orm/postgresql';

/** The transaction-local setting under which RLS shows every organization's incident rows. */
export const INCIDENT_OPERATOR_SETTING = 'app.incident_operator';

/**
 * Opens the incident rows of every organization for the rest of the transaction: only operator
 * operations (after their isOperator rule) and the notification queue call it.
 */
export async function asIncidentOperator(em: EntityManager): Promise<void> {
  await em.execute(`select set_config('${INCIDENT_OPERATOR_SETTING}', 'on', true)`);
}
