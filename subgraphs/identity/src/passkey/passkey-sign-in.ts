import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { badInput } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { checkCredential, recordFailedSignIn } from '../sign-in/sign-in-failure.ts';
import { parseEmail } from '../user/email.ts';
import { User } from '../user/user.entity.ts';
import { auditPasskeyRefusal } from './passkey-audit.ts';
import { PasskeyCeremony } from './passkey-ceremony.entity.ts';
import { CEREMONY_LIFETIME_MS, consumeCeremony, createCeremony } from './passkey-ceremony.repository.ts';
import { PasskeyRefusal, passkeyError } from './passkey-refusal.ts';
import { parseAuthenticationResponse } from './passkey-response.ts';
import { Passkey } from './passkey.entity.ts';
import { checkAssertion, recordPasskeyUse } from './passkey-verification.ts';

/**
 * The account an assertion is counted against when it names no passkey of ours and its ceremony
 * names no address: its IP is still counted, and nobody's real account is locked by it.
 */
export const UNKNOWN_PASSKEY_ACCOUNT = 'passkey:unknown';

/**
 * Starts a passwordless sign-in: the options for navigator.credentials.get() and the ceremony id
 * to answer with. No credential is listed, with or without an email (a passkey is discoverable:
 * the authenticator offers the accounts it holds), so the answer says nothing about whether an
 * address has an account or passkeys. With an email, only that account's passkeys are accepted.
 */
export async function startPasskeySignIn(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now' | 'webauthn'>,
  input: { email?: string | null },
) {
  let email: string | null = null;
  if (input.email !== null && input.email !== undefined) {
    email = parseEmail(input.email);
    if (!email) throw badInput('Not a valid email address', 'email');
  }
  const request = await generateAuthenticationOptions({
    rpID: options.webauthn.rpId,
    timeout: CEREMONY_LIFETIME_MS,
    userVerification: 'required',
    allowCredentials: [],
  });
  const ceremony = await createCeremony(ctx.em, {
    purpose: 'AUTHENTICATION',
    userId: null,
    email,
    challenge: request.challenge,
    now: options.now(),
  });
  return { ceremonyId: ceremony.id, options: JSON.stringify(request), expiresAt: ceremony.expiresAt };
}

/**
 * Signs in with a passkey's assertion. Behind the same brute-force limits as codes and passwords
 * (checkCredential): the try is taken and the ceremony spent together, committed before the
 * check, so parallel answers are counted as many and a challenge answers once. A refusal is
 * recorded as a failed sign-in and audited with its reason; the counter and last use move only
 * when the whole sign-in succeeds.
 */
export async function signInWithPasskey(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { ceremonyId: string; response: string },
) {
  if (!isId(input.ceremonyId)) throw badInput('Not a ceremony id', 'ceremonyId');
  const ceremonyId = input.ceremonyId.toLowerCase();
  const response = parseAuthenticationResponse(input.response);
  const passkey = await ctx.em.findOne(Passkey, { credentialId: response.id });
  const owner = passkey ? await ctx.em.findOne(User, { id: passkey.userId }) : null;
  const started = await ctx.em.findOne(PasskeyCeremony, { id: ceremonyId, purpose: 'AUTHENTICATION' });
  const attempt = {
    email: owner?.email ?? started?.email ?? UNKNOWN_PASSKEY_ACCOUNT,
    userId: owner?.id ?? null,
    method: 'PASSKEY' as const,
  };
  let refusal: PasskeyRefusal | null = null;
  let newCounter = 0;
  try {
    await checkCredential<PasskeyCeremony | null>(ctx, options, attempt, {
      take: (em) => consumeCeremony(em, { purpose: 'AUTHENTICATION', id: ceremonyId }, options.now()),
      verify: async (ceremony) => {
        try {
          if (!ceremony) throw new PasskeyRefusal('CHALLENGE_EXPIRED', { userId: owner?.id });
          // Another account's passkey (when the sign-in named an address) is no passkey of this sign-in.
          if (!passkey || !owner || (ceremony.email !== null && ceremony.email !== owner.email))
            throw new PasskeyRefusal('UNKNOWN_CREDENTIAL');
          ({ newCounter } = await checkAssertion(options.webauthn, ceremony, passkey, response));
          return true;
        } catch (error) {
          if (!(error instanceof PasskeyRefusal)) throw error;
          refusal = error;
          return false;
        }
      },
      error: () => refusal ?? passkeyError('THROTTLED'),
    });
    // Verified: checkAssertion found both.
    if (!passkey || !owner) throw new PasskeyRefusal('UNKNOWN_CREDENTIAL');
    try {
      await recordPasskeyUse(ctx.em, passkey, newCounter, options.now());
    } catch (error) {
      if (error instanceof PasskeyRefusal)
        await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
      throw error;
    }
    return await completeSignIn(ctx, options, { user: owner, method: 'PASSKEY' });
  } catch (error) {
    if (error instanceof PasskeyRefusal) await auditAssertionRefusal(ctx, error, ceremonyId);
    throw error;
  }
}

async function auditAssertionRefusal(ctx: IdentityContext, refusal: PasskeyRefusal, ceremonyId: string) {
  if (refusal.reason === 'COUNTER_REGRESSION')
    ctx.logger.warn(
      { passkeyId: refusal.passkeyId, userId: refusal.userId },
      'passkey counter went backwards: a cloned authenticator, refused',
    );
  await ctx.tx.commitBeforeFailing((em) =>
    auditPasskeyRefusal(em, ctx, refusal, { kind: 'assertion', ceremonyId }),
  );
}
