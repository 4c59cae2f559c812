import { defineEntity, p } from '@mikro-orm/core';
import type { DeviceType } from '../session/session.entity.ts';

export const SIGN_IN_METHODS = [
  'EMAIL_CODE',
  'PASSWORD',
  'OIDC',
  'DEVELOPMENT',
  'SSO',
  'PASSKEY',
  'TOTP',
  'RECOVERY_CODE',
] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
export const isSignInMethod = (value: string): value is SignInMethod =>
  (SIGN_IN_METHODS as readonly string[]).includes(value);
export const SIGN_IN_OUTCOMES = ['SUCCESS', 'FAILURE', 'LOCKED'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

const SignInAttemptSchema = defineEntity({
  name: 'SignInAttempt',
  tableName: 'sign_in_attempts',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    // Insertion order, to order attempts recorded at the same instant (and page through them).
    seq: p.bigint('number').autoincrement(),
    userId: p.uuid().nullable(),
    email: p.string(),
    method: p.string().$type<SignInMethod>(),
    outcome: p.string().$type<SignInOutcome>(),
    ip: p.string().nullable(),
    userAgent: p.string().nullable(),
    deviceType: p.string().$type<DeviceType>(),
    occurredAt: p.datetime(),
  },
});

export class SignInAttempt extends SignInAttemptSchema.class {}
SignInAttemptSchema.setClass(SignInAttempt);
export { SignInAttemptSchema };
