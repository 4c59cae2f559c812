import { createHmac, timingSafeEqual } from 'node:crypto';
import { isId } from '../../../../platform/ids.ts';

/** Rows (and their certificates) read with a receipt this request: readable without signing in. */
export const readByReceipt = new WeakSet<object>();

/** What a receipt names: the deletion, and the person whose account it deletes. */
export interface ReceiptHolder {
  deletionId: string;
  userId: string;
}

export interface ReceiptSigner {
  /** `<deletion id>.<user id>.<base64url HMAC>`: stable, so the person may ask for it again. */
  sign(holder: ReceiptHolder): string;
  verify(receipt: string): ReceiptHolder | null;
}

/**
 * A deletion's receipt: the capability with which a person whose account is gone still reads the
 * deletion and its certificate. HMAC-SHA256 with the lifecycle secret, apart from download links.
 */
export function createReceiptSigner(secret: string): ReceiptSigner {
  const mac = ({ deletionId, userId }: ReceiptHolder) =>
    createHmac('sha256', secret).update(`deletion-receipt.${deletionId}.${userId}`).digest();
  return {
    sign: (holder) => `${holder.deletionId}.${holder.userId}.${mac(holder).toString('base64url')}`,
    verify(receipt) {
      const [deletionId, userId, signature, ...rest] = receipt.split('.');
      if (rest.length || !deletionId || !userId || !signature) return null;
      if (!isId(deletionId) || !isId(userId)) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac({ deletionId, userId });
      return given.length === expected.length && timingSafeEqual(given, expected)
        ? { deletionId, userId }
        : null;
    },
  };
}
