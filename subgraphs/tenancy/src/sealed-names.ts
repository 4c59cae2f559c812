import type { ContentSealer, FieldPlace } from '../../../platform/crypto/sealed-content.ts';
import { ERASED_TEXT } from '../../../platform/crypto/sealed-content.ts';
import type { Subject } from '../../../platform/crypto/subject-keys.ts';

/**
 * The SHRED fields of tenancy (schema.graphql): an organization's and a project's name, sealed
 * under the organization's data key and bound to their table, row and field. Only this subgraph
 * opens them; what it hands on (audit details, mail) is the plaintext it was given or opened.
 */
export const organizationNamePlace = (id: string): FieldPlace => ({
  table: 'tenancy.organizations',
  rowId: id,
  field: 'name',
});
export const projectNamePlace = (id: string): FieldPlace => ({
  table: 'tenancy.projects',
  rowId: id,
  field: 'name',
});
export const organizationSubject = (id: string): Subject => ({ kind: 'organization', id });

/** A sealed name as it reads: the plaintext, or "[erased]" once its organization's key is destroyed. */
export async function openName(sealer: ContentSealer, stored: string, place: FieldPlace): Promise<string> {
  return (await sealer.openField(stored, place)) ?? ERASED_TEXT;
}

/** Rows in the order of their opened names (then ids): ciphertext has no order of its own. */
export async function byOpenedName<T extends { id: string; name: string }>(
  sealer: ContentSealer,
  rows: readonly T[],
  placeOf: (id: string) => FieldPlace,
): Promise<T[]> {
  const named = await Promise.all(
    rows.map(async (row) => ({ row, name: await openName(sealer, row.name, placeOf(row.id)) })),
  );
  return named
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.row.id < b.row.id ? -1 : 1))
    .map(({ row }) => row);
}
