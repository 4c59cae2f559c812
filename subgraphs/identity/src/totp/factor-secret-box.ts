import { open, seal } from '../../../../platform/crypto/sealed-box.ts';

/** Where a second-factor secret is bound: its owner, so a ciphertext copied onto another account does not open. */
const boundTo = (ownerId: string) => `identity.totp_factors/${ownerId}/secret`;

/** Second-factor secrets at rest: the sealed box (AES-256-GCM) under STEWARD_FACTOR_KEY. */
export const sealFactorSecret = (key: Buffer, ownerId: string, secret: string): string =>
  seal(key, secret, boundTo(ownerId));

/** The secret, or SealedValueError when the key, the owner or the ciphertext is not the one sealed. */
export const openFactorSecret = (key: Buffer, ownerId: string, sealed: string): string =>
  open(key, sealed, boundTo(ownerId)).toString('utf8');
