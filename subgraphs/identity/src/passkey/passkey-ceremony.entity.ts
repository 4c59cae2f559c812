import { defineEntity, p } from '@mikro-orm/core';

export const CEREMONY_PURPOSES = ['REGISTRATION', 'AUTHENTICATION'] as const;
export type CeremonyPurpose = (typeof CEREMONY_PURPOSES)[number];

/**
 * One WebAuthn challenge handed out and waiting for the browser's answer: short-lived and spent by
 * its first answer, right or wrong. A registration is bound to its user; an authentication to its
 * ceremony id, and to an account when one is named (a sign-in with an email, or a second factor).
 */
const PasskeyCeremonySchema = defineEntity({
  name: 'PasskeyCeremony',
  tableName: 'passkey_ceremonies',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    purpose: p.string().$type<CeremonyPurpose>(),
    userId: p.uuid().nullable(),
    // The address a passwordless sign-in was started with, if any: only its account's passkeys answer.
    email: p.string().nullable(),
    // base64url, as the browser echoes it in clientDataJSON.
    challenge: p.string().unique(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
  },
});

export class PasskeyCeremony extends PasskeyCeremonySchema.class {}
PasskeyCeremonySchema.setClass(PasskeyCeremony);
export { PasskeyCeremonySchema };
