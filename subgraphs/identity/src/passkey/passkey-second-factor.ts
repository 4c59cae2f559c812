import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isId } from '../../../../platform/ids.ts';
import type { IdentityOptions } from '../options.ts';
import { CEREMONY_LIFETIME_MS, consumeCeremony, createCeremony } from './passkey-ceremony.repository.ts';
import { PasskeyRefusal } from './passkey-refusal.ts';
import { parseAuthenticationResponse } from './passkey-response.ts';
import { Passkey } from './passkey.entity.ts';
import { passkeysOf } from './passkey.repository.ts';
import { checkAssertion, recordPasskeyUse } from './passkey-verification.ts';

// A passkey as the second factor of a user the first factor already named (the factors' sign-in
// challenge, step-up). These write in `em` and throw; the caller owns the brute-force limits and
// commits a refusal's audit event (auditPasskeyRefusal) before failing, as signInWithPasskey does.

type Options = Pick<IdentityOptions, 'now' | 'webauthn'>;

/**
 * Options for navigator.credentials.get() listing the user's passkeys (the user is known here, so
 * listing them tells nobody anything), and the ceremony id, bound to that user.
 */
export async function startPasskeyAssertion(em: EntityManager, input: { userId: string }, options: Options) {
  const passkeys = await passkeysOf(em, input.userId);
  const request = await generateAuthenticationOptions({
    rpID: options.webauthn.rpId,
    timeout: CEREMONY_LIFETIME_MS,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId })),
  });
  const ceremony = await createCeremony(em, {
    purpose: 'AUTHENTICATION',
    userId: input.userId,
    challenge: request.challenge,
    now: options.now(),
  });
  return { ceremonyId: ceremony.id, options: JSON.stringify(request), expiresAt: ceremony.expiresAt };
}

/**
 * Verifies the user's answer to a ceremony of theirs (startPasskeyAssertion) and returns the
 * passkey, its counter and last use updated. Throws a coded error: BAD_USER_INPUT for a malformed
 * response; PasskeyRefusal (a GraphQLError with `reason` for the audit) when the ceremony is not
 * the user's or is spent or expired, when the passkey is another user's (NOT_FOUND), or when the
 * assertion does not verify (origin, relying party, challenge, signature, counter).
 */
export async function verifyPasskeyAssertion(
  em: EntityManager,
  input: { userId: string; ceremonyId: string; response: string },
  options: Options,
): Promise<Passkey> {
  const response = parseAuthenticationResponse(input.response);
  const now = options.now();
  if (!isId(input.ceremonyId)) throw new PasskeyRefusal('CHALLENGE_EXPIRED', { userId: input.userId });
  const ceremony = await consumeCeremony(
    em,
    { purpose: 'AUTHENTICATION', id: input.ceremonyId.toLowerCase(), userId: input.userId },
    now,
  );
  if (!ceremony) throw new PasskeyRefusal('CHALLENGE_EXPIRED', { userId: input.userId });
  const passkey = await em.findOne(Passkey, { credentialId: response.id, userId: input.userId });
  if (!passkey) throw new PasskeyRefusal('UNKNOWN_CREDENTIAL', { userId: input.userId });
  const { newCounter } = await checkAssertion(options.webauthn, ceremony, passkey, response);
  await recordPasskeyUse(em, passkey, newCounter, now);
  return passkey;
}
