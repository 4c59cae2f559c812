import { standaloneSealer } from '../../scripts/lib/standalone-sealer.ts';
import { openContent, type SealedEvent } from '../../subgraphs/audit/src/content/content-open.ts';
import type { TestStack } from './stack.ts';
import { AUDIT_EVENTS_PAGE } from './audit-helpers.ts';

/**
 * The stack's key store as a test reaches it: the same tables and (development) key-encryption
 * key, as superuser, nothing cached (a destruction is seen at once).
 */
export function testKeyStore(databaseUrl: string) {
  const keys = standaloneSealer(databaseUrl, { cacheMs: 0 });
  return {
    store: keys.subjectKeys,
    /** An audit event's content as the audit subgraph opens it (erased once a key is gone). */
    open: (event: SealedEvent) => openContent(keys.sealer, event),
    close: keys.close,
  };
}

export type TestKeyStore = ReturnType<typeof testKeyStore>;

/** Every event of an organization's log as its admin reads it (first 100, newest first), as JSON text. */
export async function auditContentOf(
  stack: TestStack,
  organizationId: string,
  token: string,
): Promise<string> {
  const result = await stack.graphql<{ auditEvents: { edges: { node: unknown }[] } }>(
    AUDIT_EVENTS_PAGE,
    { organizationId },
    token,
  );
  if (!result.data) throw new Error(`auditEvents failed: ${JSON.stringify(result.errors)}`);
  return JSON.stringify(result.data.auditEvents.edges.map((edge) => edge.node));
}
