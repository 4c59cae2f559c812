import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import type { ExportRecord, RecordOpener } from '../../../protocols/subject-data/open-records.ts';
import { openedOrThrow } from './content-errors.ts';
import { openContent } from './content-open.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const objectOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};

/**
 * An audit event of a data export, as its hash covers it (content sealed: the archive re-verifies),
 * with `opened`: its content in clear, or null with `erased: true` once a subject's key is gone, as
 * the JSON Lines download writes it. A value that fails to authenticate stops the export.
 */
export function exportedEventOpener(sealer: ContentSealer): RecordOpener {
  return async (record: ExportRecord) => {
    const actor = objectOf(record.actor);
    const sealedMetadata = text(record.metadata);
    const opened = openedOrThrow(
      await openContent(sealer, {
        id: text(record.id) ?? '',
        actorIp: text(actor.ip),
        actorUserAgent: text(actor.userAgent),
        metadata: sealedMetadata,
      }),
    );
    return {
      ...record,
      opened: {
        actor: { ip: opened.actorIp, userAgent: opened.actorUserAgent },
        // Details stored before sealing began are exported as they are.
        metadata: sealedMetadata === null ? (record.metadata ?? null) : opened.metadata,
        erased: opened.erased,
      },
    };
  };
}
