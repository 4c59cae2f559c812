import { z } from 'zod';
import { ProcessEnv } from '../../../platform/config.ts';
import { createMailer } from '../../runtime/mailer.ts';
import type { IdentityOptions } from './options.ts';

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

/** The identity subgraph's own variables (beyond the platform's SubgraphEnv). */
export const IdentityEnv = ProcessEnv.pick({ NODE_ENV: true }).extend({
  STEWARD_MAILBOX_DIR: z.string().default('.steward/mailbox'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Hours of inactivity after which a session ends (default 24). */
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(720).default(24),
  /** Hours after sign-in after which a session ends regardless (default 30 days). */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(8760).default(720),
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
});
export type IdentityEnv = z.infer<typeof IdentityEnv>;

export function identityOptionsFromEnv(env: IdentityEnv): IdentityOptions {
  return {
    allowDevSignIn: env.NODE_ENV !== 'production',
    now: () => new Date(),
    mailer: createMailer({ smtpUrl: env.SMTP_URL, mailboxDir: env.STEWARD_MAILBOX_DIR }),
    sessions: {
      idleTimeoutMs: hours(env.SESSION_IDLE_HOURS),
      absoluteLifetimeMs: hours(env.SESSION_ABSOLUTE_HOURS),
    },
    oidcProviders: env.STEWARD_OIDC_PROVIDERS,
    bruteForce: defaultBruteForce,
  };
}
