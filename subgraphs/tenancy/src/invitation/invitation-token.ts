import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what the invitee receives by mail, and nobody else ever sees. */
export const newInvitationToken = () => randomBytes(32).toString('base64url');

/** What is stored and looked up: SHA-256 (hex) of the token. A fast hash suffices for 256 random bits. */
export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex');
