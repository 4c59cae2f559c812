import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little off, or a code typed as it turned. */
const WINDOW = 1;
export const TOTP_ISSUER = 'Steward';

const totpOf = (base32: string, label = 'account') =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });

/** A new 160-bit secret (RFC 4226's recommended length), base32 as apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an app scans, labelled with the account's email. */
export const totpUri = (base32: string, email: string): string => totpOf(base32, email).toString();

export const isTotpShaped = (code: string): boolean => /^[0-9]{6}$/.test(code);

/**
 * The time step a code belongs to, if it is right at `now` (within the window), else null. The
 * caller refuses a step at or before the last one used: each code works once.
 */
export function stepOfCode(base32: string, code: string, now: Date): number | null {
  if (!isTotpShaped(code)) return null;
  const totp = totpOf(base32);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}
