import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MailEnv, mailerFromEnv } from '../../runtime/mailer.ts';
import { assertNothingMissing, type Missing } from '../../../platform/requirements.ts';
import { keyEncryptionKeyFromEnv } from '../../../platform/crypto/key-encryption-key.ts';
import { KeyEncryptionKeyEnv, missingKeyEncryptionKey } from '../../../platform/config.ts';
import { txtLookup } from './organization-sso/domain-verification.ts';
import type { IdentityOptions } from './options.ts';
import { WebAuthnEnv, webAuthnFromEnv } from './passkey/webauthn-config.ts';

const hours = (n: number) => n * 3600_000;
const minutes = (n: number) => n * 60_000;

/**
 * Near NIST SP 800-63B (at most 100 consecutive failures per account): from the 3rd consecutive
 * failure an account waits 1 s, 2 s, 4 s… between attempts, and the 10th locks it for 15 minutes.
 * A client IP, shared by whole offices behind NAT, gets more room.
 */
export const defaultBruteForce: IdentityOptions['bruteForce'] = {
  account: {
    delayAfter: 3,
    baseDelayMs: 1000,
    maxDelayMs: minutes(1),
    lockAfter: 10,
    lockMs: minutes(15),
    resetAfterMs: hours(24),
  },
  ip: {
    delayAfter: 25,
    baseDelayMs: 1000,
    maxDelayMs: minutes(1),
    lockAfter: 50,
    lockMs: minutes(15),
    resetAfterMs: hours(1),
  },
};

/** Five sign-in mails an hour per address; a request within a minute of the last mail is absorbed. */
export const defaultCodeMails: IdentityOptions['codeMails'] = { perHour: 5, resendAfterMs: minutes(1) };

/** A sign-in is recent enough to stand as proof of identity for 5 minutes. */
export const DEFAULT_RECENT_AUTHENTICATION_MINUTES = 5;

/** Development and tests only (production requires STEWARD_FACTOR_KEY): a fixed, public key. */
const DEVELOPMENT_FACTOR_KEY = createHash('sha256').update('steward-development-factor-key').digest('base64');

/** The identity subgraph's own variables (beyond the platform's SubgraphEnv). */
export const IdentityEnv = MailEnv.extend({
  ...WebAuthnEnv.shape,
  /** Hours of inactivity after which a session ends (default 24). */
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(720).default(24),
  /** Hours after sign-in after which a session ends regardless (default 30 days). */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(8760).default(720),
  /** Sign-in code mails one address may receive per hour (default 5). */
  STEWARD_SIGN_IN_CODES_PER_HOUR: z.coerce.number().int().min(1).max(100).default(defaultCodeMails.perHour),
  /** Seconds after a sign-in code mail during which another request for it is absorbed (default 60). */
  STEWARD_SIGN_IN_CODE_RESEND_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(defaultCodeMails.resendAfterMs / 1000),
  /** Minutes a sign-in counts as recent proof of identity, e.g. to set a password (default 5). */
  STEWARD_REAUTHENTICATION_MINUTES: z.coerce
    .number()
    .positive()
    .max(60)
    .default(DEFAULT_RECENT_AUTHENTICATION_MINUTES),
  /**
   * 32 bytes, base64: seals TOTP secrets and keys recovery-code hashes. Required in production;
   * development uses a fixed, public one.
   */
  STEWARD_FACTOR_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes in base64 (npm run keys makes one)',
    }),
  /** Comma-separated addresses of the SaaS operator's staff: they may run operator operations. */
  STEWARD_OPERATORS: z
    .string()
    .default('')
    .transform((raw) =>
      raw
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    ),
  /** JSON array of { id, name, issuer, clientId, clientSecret? }: the OpenID Connect providers. */
  STEWARD_OIDC_PROVIDERS: z
    .string()
    .default('[]')
    .transform((raw, ctx) => {
      const Provider = z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        name: z.string().min(1),
        issuer: z.url(),
        clientId: z.string().min(1),
        clientSecret: z.string().optional(),
      });
      try {
        return z.array(Provider).parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a JSON array of { id, name, issuer, clientId, clientSecret? }',
        });
        return z.NEVER;
      }
    }),
  ...KeyEncryptionKeyEnv.shape,
  /** Comma-separated DNS servers (ip or ip:port) for domain verification; the system's by default. */
  STEWARD_DNS_SERVERS: z
    .string()
    .default('')
    .transform((raw) =>
      raw
        .split(',')
        .map((server) => server.trim())
        .filter(Boolean),
    ),
});
export type IdentityEnv = z.infer<typeof IdentityEnv>;

export function identityOptionsFromEnv(env: IdentityEnv): IdentityOptions {
  const mail = mailerFromEnv(env);
  const passkeys = webAuthnFromEnv(env);
  const production = env.NODE_ENV === 'production';
  const missing: Missing[] = [...mail.missing, ...passkeys.missing, ...missingKeyEncryptionKey(env)];
  if (production && !env.STEWARD_FACTOR_KEY)
    missing.push({ variable: 'STEWARD_FACTOR_KEY', why: 'seals second-factor secrets (TOTP) at rest' });
  assertNothingMissing('identity', missing);
  return {
    allowDevSignIn: env.NODE_ENV !== 'production',
    now: () => new Date(),
    mailer: mail.mailer,
    warnings: mail.warning ? [mail.warning] : [],
    sessions: {
      idleTimeoutMs: hours(env.SESSION_IDLE_HOURS),
      absoluteLifetimeMs: hours(env.SESSION_ABSOLUTE_HOURS),
    },
    oidcProviders: env.STEWARD_OIDC_PROVIDERS,
    bruteForce: defaultBruteForce,
    codeMails: {
      perHour: env.STEWARD_SIGN_IN_CODES_PER_HOUR,
      resendAfterMs: env.STEWARD_SIGN_IN_CODE_RESEND_SECONDS * 1000,
    },
    recentAuthenticationMs: minutes(env.STEWARD_REAUTHENTICATION_MINUTES),
    production,
    keyEncryptionKey: keyEncryptionKeyFromEnv(env),
    txtLookup: txtLookup(env.STEWARD_DNS_SERVERS),
    webauthn: passkeys.webauthn,
    // Development keeps one fixed key, so that enrolments survive a restart of npm start.
    factorKey: Buffer.from(env.STEWARD_FACTOR_KEY ?? DEVELOPMENT_FACTOR_KEY, 'base64'),
    operators: env.STEWARD_OPERATORS,
  };
}
