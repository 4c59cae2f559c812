import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import type { AuditEvent } from '../event/audit-event.entity.ts';
import { openContent, type OpenedContent, type SealedEvent } from './content-open.ts';

/** An event as readers answer it: as stored (hash over the sealed form), with its content opened. */
export type Opened<T extends SealedEvent> = T & { opened: OpenedContent };

/** The GraphQL AuditEvent's parent: the stored row and its opened content. */
export type OpenedAuditEvent = Opened<AuditEvent>;

/** The GraphQL AuditActor's parent: ids in clear, `ip` and `userAgent` opened (or failed). */
export interface OpenedActor {
  type: string;
  id?: string | null;
  deviceType?: string | null;
  opened: OpenedContent;
}

/** Opens a batch of events' content (a page, an export's or a stream's batch). */
export async function openEvents<T extends SealedEvent>(
  sealer: ContentSealer,
  events: T[],
): Promise<Opened<T>[]> {
  const opened = await Promise.all(events.map((event) => openContent(sealer, event)));
  return events.map((event, index) => ({ ...event, opened: opened[index]! }));
}
