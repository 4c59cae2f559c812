import type { ContentSealer, FieldPlace } from '../../../../platform/crypto/sealed-content.ts';
import { ERASED_TEXT } from '../../../../platform/crypto/sealed-content.ts';

/**
 * A person's display name is a SHRED field (schema.graphql): sealed under the person's data key,
 * bound to identity.users, the user's row and the field. Only identity opens it.
 */
export const displayNamePlace = (userId: string): FieldPlace => ({
  table: 'identity.users',
  rowId: userId,
  field: 'displayName',
});

/** What a new user's display name is stored as, once its id is known: sealed, or none. */
export type StoredDisplayName = (userId: string) => Promise<string | null>;

export const sealedDisplayName =
  (sealer: ContentSealer, displayName: string | null | undefined): StoredDisplayName =>
  async (userId) =>
    displayName
      ? sealer.sealField({ kind: 'person', id: userId }, displayName, displayNamePlace(userId))
      : null;

/** The display name as it reads: plaintext, null when none, "[erased]" once the person's key is destroyed. */
export async function openDisplayName(
  sealer: ContentSealer,
  user: { id: string; displayName?: string | null },
): Promise<string | null> {
  if (!user.displayName) return null;
  return (await sealer.openField(user.displayName, displayNamePlace(user.id))) ?? ERASED_TEXT;
}
