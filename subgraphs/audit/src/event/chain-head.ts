import type { EntityManager } from '@mikro-orm/postgresql';

export interface ChainHead {
  sequence: number;
  hash: string;
}

/**
 * The last link of an organization's chain, read under its append lock: one primary-key read of
 * `audit.chain_heads`, which a trigger on audit.events keeps (whoever inserts). Read from
 * audit.events, the newest event can be planned as a sort of the whole chain while statistics
 * lag behind a fast-growing tenant. After a purge of everything, the head is still there.
 */
export async function readChainHead(em: EntityManager, organizationId: string): Promise<ChainHead | null> {
  const [head] = await em.execute<{ sequence: string; hash: string }[]>(
    'select sequence, hash from audit.chain_heads where organization_id = ?',
    [organizationId],
  );
  return head ? { sequence: Number(head.sequence), hash: head.hash } : null;
}
