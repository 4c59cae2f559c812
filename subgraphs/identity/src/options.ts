import type { KeyEncryptionKey } from '../../../platform/crypto/key-encryption-key.ts';
import type { Mailer } from '../../runtime/mailer.ts';
import type { TxtLookup } from './organization-sso/domain-verification.ts';
import type { CodeMailLimits } from './email-code/email-code.repository.ts';
import type { ThrottlePolicy } from './sign-in/throttle.ts';
import type { WebAuthnOptions } from './passkey/webauthn-config.ts';

/** An OpenID Connect issuer users may sign in with (Google, Microsoft, an organization's SSO). */
export interface OidcProviderConfig {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
}

/** Everything the identity subgraph is configured with; built from the environment by config.ts. */
export interface IdentityOptions {
  /** The development sign-in; never on in production. */
  allowDevSignIn: boolean;
  /** The clock, injectable so tests can move time (code expiry, lockouts, session lifetimes). */
  now: () => Date;
  mailer: Mailer;
  /** Capabilities deliberately off (mail kept in the mailbox folder in production); logged at warn. */
  warnings?: string[];
  sessions: {
    /** A session unused this long ends. */
    idleTimeoutMs: number;
    /** A session ends this long after sign-in, however active. */
    absoluteLifetimeMs: number;
  };
  oidcProviders: OidcProviderConfig[];
  /** Brute-force limits on guessable credentials (codes, passwords), per account and per client IP. */
  bruteForce: {
    account: ThrottlePolicy;
    ip: ThrottlePolicy;
  };
  /** Sign-in code mails per address: an hourly allowance, and how soon a resend may follow. */
  codeMails: CodeMailLimits;
  /**
   * How recent a session's sign-in must be to stand as proof of identity for a sensitive operation
   * (setting a password without the current one): see session/recent-authentication.ts.
   */
  recentAuthenticationMs: number;
  /** NODE_ENV=production: stricter checks of what admins configure (an SSO issuer's address). */
  production: boolean;
  /** Wraps the secrets identity must read back (organizations' SSO client secrets). */
  keyEncryptionKey: KeyEncryptionKey;
  /** DNS TXT lookups, for proving an organization's email domain. */
  txtLookup: TxtLookup;
  /** The relying party passkeys are made for and accepted from (WEBAUTHN_*). */
  webauthn: WebAuthnOptions;
  /**
   * AES-256-GCM key (32 bytes) sealing second-factor secrets at rest and keying the HMAC of
   * recovery codes (STEWARD_FACTOR_KEY).
   */
  factorKey: Buffer;
  /** The addresses of the SaaS operator's staff (STEWARD_OPERATORS); none when absent. */
  operators?: string[];
}
