import { defineEntity, p } from '@mikro-orm/core';

/** A person's authenticator app (TOTP, RFC 6238): its secret encrypted, the last time step used. */
const TotpFactorSchema = defineEntity({
  name: 'TotpFactor',
  tableName: 'totp_factors',
  properties: {
    userId: p.uuid().primary(),
    // AES-256-GCM under STEWARD_FACTOR_KEY (factor-secret-box.ts): a database read alone gives no codes.
    secretCiphertext: p.string(),
    // Null until a first code confirms the enrolment; an unconfirmed factor is not a factor.
    confirmedAt: p.datetime().nullable(),
    // The 30-second step of the last accepted code: a code of that step or before is refused.
    lastUsedStep: p.bigint('number').nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TotpFactor extends TotpFactorSchema.class {}
TotpFactorSchema.setClass(TotpFactor);
export { TotpFactorSchema };
