import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG; only its SHA-256 is stored. */
export const newSessionToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
