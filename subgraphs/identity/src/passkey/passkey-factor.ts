import { badInput } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { checkCredential } from '../sign-in/sign-in-failure.ts';
import type { User } from '../user/user.entity.ts';
import { auditPasskeyRefusal } from './passkey-audit.ts';
import { consumeCeremony } from './passkey-ceremony.repository.ts';
import { PasskeyRefusal, passkeyError } from './passkey-refusal.ts';
import { parseAuthenticationResponse } from './passkey-response.ts';
import { checkAssertion, recordPasskeyUse } from './passkey-verification.ts';
import { Passkey } from './passkey.entity.ts';

/**
 * A passkey given as the second factor of a user the first factor named (a sign-in challenge) or
 * as a step-up of the session's holder, behind the same brute-force limits as codes: the try is
 * taken and the user's ceremony spent together, committed before the assertion is checked (so a
 * refused answer cannot be replayed), as signInWithPasskey does. A refusal is recorded (the
 * attempt, and the passkey audit event with its reason, committed though the request fails) and
 * answers UNAUTHENTICATED with `reason: PASSKEY_REFUSED` or `PASSKEY_CHALLENGE_EXPIRED`; another
 * account's passkey NOT_FOUND. The passkey's counter and last use are written in the request.
 */
export async function verifyPasskeyFactor(
  ctx: IdentityContext,
  options: IdentityOptions,
  user: User,
  input: { ceremonyId: string; response: string },
): Promise<void> {
  // Malformed input answers BAD_USER_INPUT before any try is taken.
  const response = parseAuthenticationResponse(input.response);
  if (!isId(input.ceremonyId)) throw badInput('Not a ceremony id', 'ceremonyId');
  const ceremonyId = input.ceremonyId.toLowerCase();
  const now = options.now();
  let refusal: PasskeyRefusal | null = null;
  let verified: { passkey: Passkey; newCounter: number } | null = null;
  try {
    await checkCredential(
      ctx,
      options,
      { email: user.email, userId: user.id, method: 'PASSKEY' },
      {
        take: (em) =>
          consumeCeremony(em, { purpose: 'AUTHENTICATION', id: ceremonyId, userId: user.id }, now),
        verify: async (ceremony) => {
          try {
            if (!ceremony) throw new PasskeyRefusal('CHALLENGE_EXPIRED', { userId: user.id });
            const passkey = await ctx.em.findOne(Passkey, { credentialId: response.id, userId: user.id });
            if (!passkey) throw new PasskeyRefusal('UNKNOWN_CREDENTIAL', { userId: user.id });
            const { newCounter } = await checkAssertion(options.webauthn, ceremony, passkey, response);
            verified = { passkey, newCounter };
            return true;
          } catch (error) {
            if (!(error instanceof PasskeyRefusal)) throw error;
            refusal = error;
            return false;
          }
        },
        // Throttled: refused unchecked, and told as every other refusal.
        error: () => refusal ?? passkeyError('THROTTLED'),
      },
    );
  } catch (error) {
    const refused: PasskeyRefusal | null = refusal;
    if (refused) {
      await ctx.tx.commitBeforeFailing((em) =>
        auditPasskeyRefusal(em, ctx, refused, { kind: 'assertion', ceremonyId }),
      );
    }
    throw error;
  }
  const { passkey, newCounter } = verified!;
  await recordPasskeyUse(ctx.em, passkey, newCounter, now);
}
