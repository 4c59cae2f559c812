import type { EntityClass, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';

/**
 * Rows of `entity` as plain objects under their property names, with the entity's filters applied
 * (the tenant's among them; row-level security applies as to any read), but no entities: nothing
 * hydrated, tracked in the identity map, or seen by a flush. For the read-only hops of a query that
 * fetch hundreds of rows per request, where hydration was a quarter of the subgraph's CPU
 * (docs/PERFORMANCE.md). A mutation reads the entities it changes with `em.find`, never these.
 */
export async function plainRows<T extends object, Row extends Partial<T>>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: QBFilterQuery<T>,
  orderBy?: QueryOrderMap<T>,
): Promise<Row[]> {
  const query = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) query.orderBy(orderBy);
  await query.applyFilters();
  return query.execute<Row[]>('all', true);
}
