import { createHash, randomBytes } from 'node:crypto';
import { open, seal } from '../../../../platform/crypto/sealed-box.ts';

/** Development and tests only (production requires AUDIT_STREAM_KEY): a fixed, public key. */
export const DEVELOPMENT_STREAM_KEY = createHash('sha256')
  .update('steward-development-audit-stream-key')
  .digest();

// Bound to its row: a sealed secret copied onto another stream does not open there.
const placeOf = (streamId: string) => `audit.streams:${streamId}:secret`;

/** A new signing secret, shown to the admin once: `whsec_` and 32 random bytes. */
export const newStreamSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export const sealStreamSecret = (key: Buffer, streamId: string, secret: string) =>
  seal(key, secret, placeOf(streamId));

export const openStreamSecret = (key: Buffer, streamId: string, sealed: string) =>
  open(key, sealed, placeOf(streamId)).toString('utf8');
