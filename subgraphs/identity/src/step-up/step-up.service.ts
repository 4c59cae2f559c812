import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import { announcePrincipalChanges } from '../../../../platform/principal-changes.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { verifyPassword, waitLikeVerification } from '../password/password-hash.ts';
import { PASSWORD_MAX_LENGTH } from '../password/password-policy.ts';
import { useRecoveryCode } from '../recovery-code/recovery-code.service.ts';
import { Session } from '../session/session.entity.ts';
import { checkCredential } from '../sign-in/sign-in-failure.ts';
import { auditFactorEvent, signedInUser, verifyTotp } from '../totp/totp.service.ts';
import type { User } from '../user/user.entity.ts';
import { isTotpShaped } from '../totp/totp.ts';
import { isRecoveryCodeShaped } from '../recovery-code/recovery-codes.ts';
import { stepUpFactorsOf } from './step-up.ts';
import { verifyPasskeyFactor } from '../passkey/passkey-factor.ts';
import { parseAuthenticationResponse } from '../passkey/passkey-response.ts';

type StepUpMethod = 'TOTP' | 'RECOVERY_CODE' | 'PASSKEY' | 'PASSWORD' | 'EMAIL_CODE';

/**
 * A step-up: the current session's holder proves again who they are, and the session records it
 * (authenticatedAt now, the method added), so operations needing a recent factor go through for
 * the next minutes. The gateway's principal carries authenticatedAt: its cached copy is dropped.
 */
export async function stepUp(
  ctx: IdentityContext,
  options: IdentityOptions,
  method: StepUpMethod,
  prove: (user: User) => Promise<void>,
): Promise<Session> {
  const user = await signedInUser(ctx);
  if (!(await stepUpFactorsOf(ctx, user.id)).includes(method)) {
    throw stewardError(ErrorCode.FORBIDDEN, `Not a step-up for this account: ${method}`, {
      reason: 'STEP_UP_METHOD_NOT_ALLOWED',
      factors: await stepUpFactorsOf(ctx, user.id),
    });
  }
  await prove(user);
  const session = await markSessionAuthenticated(ctx, options, method);
  await auditFactorEvent(ctx, user.id, 'identity.step_up', 'SUCCESS', { method, sessionId: session.id });
  return session;
}

/**
 * Records on the current session that its holder just gave `method`: authenticatedAt now, the
 * method added. The gateway's principal carries both: its cached copy is dropped on commit.
 */
export async function markSessionAuthenticated(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now'>,
  method: string,
): Promise<Session> {
  const sessionId = ctx.principal.kind === 'user' ? ctx.principal.sessionId : undefined;
  const session = sessionId ? await ctx.em.findOne(Session, { id: sessionId, revokedAt: null }) : null;
  if (!session || !sessionId) throw stewardError(ErrorCode.FORBIDDEN, 'This needs a session');
  session.authenticatedAt = options.now();
  session.authenticationMethods = [...new Set([...session.authenticationMethods, method])];
  await announcePrincipalChanges(ctx.em, [{ kind: 'session', id: sessionId }]);
  await ctx.em.flush();
  return session;
}

// Input is checked before anything else: a malformed one answers BAD_USER_INPUT whoever asks.
export function stepUpWithTotp(ctx: IdentityContext, options: IdentityOptions, code: string) {
  if (!isTotpShaped(code)) throw badInput('A code is 6 digits', 'code');
  return stepUp(ctx, options, 'TOTP', (user) => verifyTotp(ctx, options, user, code).then(() => undefined));
}

export function stepUpWithRecoveryCode(ctx: IdentityContext, options: IdentityOptions, code: string) {
  if (!isRecoveryCodeShaped(code)) throw badInput('A recovery code has 10 letters and digits', 'code');
  return stepUp(ctx, options, 'RECOVERY_CODE', (user) => useRecoveryCode(ctx, options, user, code));
}

export function stepUpWithPasskey(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { ceremonyId: string; response: string },
) {
  parseAuthenticationResponse(input.response);
  return stepUp(ctx, options, 'PASSKEY', (user) => verifyPasskeyFactor(ctx, options, user, input));
}

export function stepUpWithPassword(ctx: IdentityContext, options: IdentityOptions, password: string) {
  if (!password || password.length > 2 * PASSWORD_MAX_LENGTH) throw badInput('Not a password', 'password');
  return stepUp(ctx, options, 'PASSWORD', async (user) => {
    const hash = user.passwordHash ?? null;
    await checkCredential(
      ctx,
      options,
      { email: user.email, userId: user.id, method: 'PASSWORD' },
      {
        verify: () => verifyPassword(hash, password),
        refuseUnchecked: waitLikeVerification,
        error: () => badInput('The password is not correct', 'password'),
      },
    );
  });
}
