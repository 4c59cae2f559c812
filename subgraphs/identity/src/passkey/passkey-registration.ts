import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { openDisplayName } from '../user/display-name.ts';
import { ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { User } from '../user/user.entity.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { auditPasskeyChange, auditPasskeyRefusal } from './passkey-audit.ts';
import { CEREMONY_LIFETIME_MS, consumeCeremony, createCeremony } from './passkey-ceremony.repository.ts';
import { PasskeyRefusal } from './passkey-refusal.ts';
import { PasskeyCeremony } from './passkey-ceremony.entity.ts';
import { clientDataOf, parseRegistrationResponse } from './passkey-response.ts';
import { Passkey } from './passkey.entity.ts';
import { passkeyName, passkeysOf } from './passkey.repository.ts';
import { reasonOf, userHandleOf } from './passkey-verification.ts';

type Options = Pick<IdentityOptions, 'now' | 'webauthn' | 'recentAuthenticationMs'>;

/** Enough for every device a person owns; a bound on what one account can store. */
export const MAX_PASSKEYS_PER_USER = 20;
/** EdDSA, ES256, RS256: what authenticators make, and what verification supports. */
const ALGORITHMS = [-8, -7, -257];

function signedInUserId(ctx: IdentityContext): string {
  if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return ctx.principal.userId;
}

/**
 * Hands the browser the options for navigator.credentials.create(), its challenge stored bound to
 * the signed-in user. Resident keys (discoverable: the passkey names its account) and user
 * verification (a PIN or biometric on the device) are required: a passkey is a first factor.
 * Needs a step-up (FORBIDDEN, reason STEP_UP_REQUIRED).
 */
export async function startPasskeyRegistration(ctx: IdentityContext, options: Options) {
  const userId = signedInUserId(ctx);
  // A passkey signs in and steps up: only a session that proved itself lately may add one, else a
  // stolen session would give itself a way back in and past every step-up.
  await requireStepUp(ctx, options);
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user) throw notFound('User');
  const existing = await passkeysOf(ctx.em, userId);
  const creation = await generateRegistrationOptions({
    rpName: options.webauthn.rpName,
    rpID: options.webauthn.rpId,
    userName: user.email,
    userID: userHandleOf(user.id),
    userDisplayName: (await openDisplayName(ctx.sealer, user)) ?? user.email,
    timeout: CEREMONY_LIFETIME_MS,
    attestationType: 'none',
    // The same authenticator twice would be one passkey under two names.
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  const ceremony = await createCeremony(ctx.em, {
    purpose: 'REGISTRATION',
    userId,
    challenge: creation.challenge,
    now: options.now(),
  });
  return { options: JSON.stringify(creation), expiresAt: ceremony.expiresAt };
}

/**
 * Verifies the browser's answer (attestation formats none and packed self attestation, and the
 * others the library knows) against a live challenge of this user's, and stores the passkey. The
 * challenge is spent whatever the outcome; a refusal is audited and changes nothing else.
 */
export async function completePasskeyRegistration(
  ctx: IdentityContext,
  options: Options,
  input: { name: string; response: string },
): Promise<Passkey> {
  const userId = signedInUserId(ctx);
  const name = passkeyName(input.name);
  const response = parseRegistrationResponse(input.response);
  const now = options.now();
  const ceremony = await consumeCeremony(
    ctx.em,
    { purpose: 'REGISTRATION', challenge: clientDataOf(response).challenge, userId },
    now,
  );
  try {
    if (!ceremony) throw new PasskeyRefusal('CHALLENGE_EXPIRED', { userId });
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: ceremony.challenge,
        expectedOrigin: options.webauthn.origins,
        expectedRPID: options.webauthn.rpId,
        requireUserVerification: true,
        supportedAlgorithmIDs: ALGORITHMS,
      });
    } catch (error) {
      throw new PasskeyRefusal(reasonOf(error), { userId });
    }
    if (!verification.verified) throw new PasskeyRefusal('BAD_SIGNATURE', { userId });
    const info = verification.registrationInfo;
    if (await ctx.em.count(Passkey, { credentialId: info.credential.id }))
      throw stewardError(ErrorCode.CONFLICT, 'This passkey is registered already');
    if ((await ctx.em.count(Passkey, { userId })) >= MAX_PASSKEYS_PER_USER)
      throw stewardError(ErrorCode.CONFLICT, `At most ${MAX_PASSKEYS_PER_USER} passkeys per account`);
    const passkey = ctx.em.create(Passkey, {
      userId,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      attestationFormat: info.fmt,
      aaguid: info.aaguid,
      backedUp: info.credentialBackedUp,
      name,
      createdAt: now,
      lastUsedAt: null,
    });
    await ctx.em.flush();
    await auditPasskeyChange(ctx.em, ctx, {
      action: 'registered',
      userId,
      passkeyId: passkey.id,
      metadata: { attestationFormat: info.fmt, aaguid: info.aaguid },
    });
    return passkey;
  } catch (error) {
    if (!(error instanceof PasskeyRefusal)) throw error;
    // The refusal rolls the request back: the spent challenge and the audit event commit first.
    await ctx.tx.commitBeforeFailing(async (em) => {
      if (ceremony) await em.nativeUpdate(PasskeyCeremony, { id: ceremony.id }, { consumedAt: now });
      await auditPasskeyRefusal(em, ctx, error, { kind: 'registration', ceremonyId: ceremony?.id });
    });
    throw error;
  }
}
