import { z } from 'zod';
import type { Missing } from '../../../../platform/requirements.ts';

/** The relying party passkeys are bound to: browsers sign for this id, on these origins only. */
export interface WebAuthnOptions {
  /** The registrable domain (e.g. `example.com`); a passkey made for it works on it and its subdomains. */
  rpId: string;
  /** Shown by the browser and the authenticator when a passkey is made. */
  rpName: string;
  /** Where the front end runs (`https://app.example.com`): an assertion from anywhere else is refused. */
  origins: string[];
}

/** What development gets without configuration: the console on the gateway's default port. */
export const developmentWebAuthn: WebAuthnOptions = {
  rpId: 'localhost',
  rpName: 'Steward',
  origins: ['http://localhost:4000'],
};

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** An origin as a browser reports it: scheme, host and port, no path. */
const Origin = z.url({ protocol: /^https?$/ }).refine((raw) => new URL(raw).origin === raw, {
  message: 'an origin is scheme://host[:port], with no path or trailing slash',
});

export const WebAuthnEnv = z.object({
  /** Relying-party id passkeys are bound to, a domain (required in production; `localhost` otherwise). */
  WEBAUTHN_RP_ID: z.string().toLowerCase().regex(HOSTNAME, 'must be a domain name').optional(),
  /** Relying-party name shown when a passkey is made (default Steward). */
  WEBAUTHN_RP_NAME: z.string().min(1).max(100).default(developmentWebAuthn.rpName),
  /** Comma-separated origins of the front ends (required in production; http://localhost:4000 otherwise). */
  WEBAUTHN_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const origins = raw
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      const bad = origins.filter((origin) => !Origin.safeParse(origin).success);
      if (!origins.length || bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `must be comma-separated origins like https://app.example.com${bad.length ? ` (not: ${bad.join(', ')})` : ''}`,
        });
        return z.NEVER;
      }
      return origins;
    }),
});
export type WebAuthnEnv = z.infer<typeof WebAuthnEnv>;

/**
 * The relying party from the environment. Production names it explicitly: a wrong default would
 * make every passkey unusable (or usable where it should not be), and it cannot change later
 * without losing them.
 */
export function webAuthnFromEnv(env: WebAuthnEnv & { NODE_ENV: string }): {
  webauthn: WebAuthnOptions;
  missing: Missing[];
} {
  const production = env.NODE_ENV === 'production';
  const missing: Missing[] = [];
  if (production && !env.WEBAUTHN_RP_ID)
    missing.push({ variable: 'WEBAUTHN_RP_ID', why: 'the domain passkeys are bound to' });
  if (production && !env.WEBAUTHN_ORIGINS)
    missing.push({ variable: 'WEBAUTHN_ORIGINS', why: 'the front-end origins passkeys are accepted from' });
  const webauthn = {
    rpId: env.WEBAUTHN_RP_ID ?? developmentWebAuthn.rpId,
    rpName: env.WEBAUTHN_RP_NAME,
    origins: env.WEBAUTHN_ORIGINS ?? developmentWebAuthn.origins,
  };
  // Browsers refuse a relying-party id that is not the origin's host or a parent domain of it.
  const foreign = webauthn.origins.filter((origin) => !isWithin(new URL(origin).hostname, webauthn.rpId));
  if (foreign.length)
    missing.push({
      variable: 'WEBAUTHN_ORIGINS',
      why: `origins on ${webauthn.rpId} (WEBAUTHN_RP_ID) or its subdomains only, not ${foreign.join(', ')}`,
    });
  return { webauthn, missing };
}

const isWithin = (host: string, rpId: string) => host === rpId || host.endsWith(`.${rpId}`);
