import {
  SimpleWebAuthnError,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebAuthnOptions } from './webauthn-config.ts';
import type { PasskeyCeremony } from './passkey-ceremony.entity.ts';
import { Passkey } from './passkey.entity.ts';
import { PasskeyRefusal, type PasskeyRefusalReason } from './passkey-refusal.ts';

/** The WebAuthn user handle of a user: their id's 16 bytes (opaque, and nothing personal). */
export const userHandleOf = (userId: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));

const userHandleText = (userId: string) => Buffer.from(userHandleOf(userId)).toString('base64url');

/** The library says what failed in words; the audit trail wants a reason a query can count. */
export function reasonOf(error: unknown): PasskeyRefusalReason {
  if (error instanceof SimpleWebAuthnError) {
    if (error.code === 'UNEXPECTED_ORIGIN') return 'ORIGIN_MISMATCH';
    if (error.code === 'UNEXPECTED_RP_ID') return 'RP_ID_MISMATCH';
  }
  const message = error instanceof Error ? error.message : '';
  if (/challenge/i.test(message)) return 'CHALLENGE_MISMATCH';
  if (/origin/i.test(message)) return 'ORIGIN_MISMATCH';
  if (/RP ID/i.test(message)) return 'RP_ID_MISMATCH';
  if (/User verification|User not present|user was not present/i.test(message)) return 'USER_NOT_VERIFIED';
  return 'INVALID_RESPONSE';
}

/**
 * A counter that does not grow is a second copy of the key at work (WebAuthn §6.1.1): unless
 * both are 0 (authenticators that keep no counter, such as synced passkeys).
 */
export const counterWentBack = (stored: number, received: number) =>
  (received > 0 || stored > 0) && received <= stored;

/**
 * Checks an assertion against a ceremony's challenge and a stored passkey: type, challenge,
 * origin, relying-party id, user presence and verification, the signature over authenticator
 * data and client data, the user handle, and the counter. Writes nothing; throws PasskeyRefusal.
 */
export async function checkAssertion(
  webauthn: WebAuthnOptions,
  ceremony: PasskeyCeremony,
  passkey: Passkey,
  response: AuthenticationResponseJSON,
): Promise<{ newCounter: number }> {
  const about = { passkeyId: passkey.id, userId: passkey.userId };
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== userHandleText(passkey.userId))
    throw new PasskeyRefusal('UNKNOWN_CREDENTIAL', { userId: ceremony.userId });
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: webauthn.origins,
      expectedRPID: webauthn.rpId,
      // The counter is compared below, where a regression gets its own reason.
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    throw new PasskeyRefusal(reasonOf(error), about);
  }
  if (!result.verified) throw new PasskeyRefusal('BAD_SIGNATURE', about);
  const newCounter = result.authenticationInfo.newCounter;
  if (counterWentBack(passkey.signCount, newCounter)) throw new PasskeyRefusal('COUNTER_REGRESSION', about);
  return { newCounter };
}

/**
 * Records a verified use: the new counter and the time. Conditional, so that of two assertions
 * racing with the same counter (two copies of one key) only one passes; the other is a regression.
 */
export async function recordPasskeyUse(
  em: EntityManager,
  passkey: Passkey,
  newCounter: number,
  now: Date,
): Promise<void> {
  const where =
    newCounter === 0 ? { id: passkey.id, signCount: 0 } : { id: passkey.id, signCount: { $lt: newCounter } };
  const updated = await em.nativeUpdate(Passkey, where, { signCount: newCounter, lastUsedAt: now });
  if (!updated)
    throw new PasskeyRefusal('COUNTER_REGRESSION', { passkeyId: passkey.id, userId: passkey.userId });
  passkey.signCount = newCounter;
  passkey.lastUsedAt = now;
}
