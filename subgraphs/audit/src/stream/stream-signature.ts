import { createHmac } from 'node:crypto';

/**
 * Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the stream's
 * secret. The receiver recomputes it over the raw body and refuses an old `t` (replays).
 */
export function streamSignature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export const SIGNATURE_HEADER = 'Steward-Signature';
