import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { ErrorCode, badInput, notFound, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { checkCredential } from '../sign-in/sign-in-failure.ts';
import { requireRecentAuthentication } from '../session/recent-authentication.ts';
import { revokeOtherSessions } from '../session/session-revocation.ts';
import { secondFactorsOf } from '../sign-in-challenge/second-factors.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { parseEmail } from '../user/email.ts';
import { User } from '../user/user.entity.ts';
import { hashPassword, isOutdatedHash, verifyPassword, waitLikeVerification } from './password-hash.ts';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy.ts';

// Unknown email, no password set, wrong password or throttled: one answer.
const invalidPassword = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid email or password');

/** Signs in with a password. Every refusal answers alike and costs one argon2 verification. */
export async function signInWithPassword(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { email: string; password: string },
) {
  const email = parseEmail(input.email);
  if (!email) throw badInput('Not a valid email address', 'email');
  // Bounds the hashing work; no stored password is empty or this long, so nobody learns anything.
  if (!input.password || input.password.length > 2 * PASSWORD_MAX_LENGTH) {
    throw badInput(`A password has 1 to ${PASSWORD_MAX_LENGTH} characters`, 'password');
  }
  const user = await ctx.em.findOne(User, { email });
  const hash = user?.passwordHash ?? null;
  await checkCredential(
    ctx,
    options,
    { email, userId: user?.id ?? null, method: 'PASSWORD' },
    {
      verify: () => verifyPassword(hash, input.password),
      refuseUnchecked: waitLikeVerification,
      error: invalidPassword,
    },
  );
  // verifyPassword is true only against a real hash, so neither is missing here.
  if (!user || !hash) throw invalidPassword();
  if (isOutdatedHash(hash)) user.passwordHash = await hashPassword(input.password);
  return completeSignIn(ctx, options, { user, method: 'PASSWORD' });
}

/**
 * Sets the signed-in user's password. Proof is needed, since a session may be held by a thief:
 * changing a password takes the current one (checked behind the brute-force limits) or, for a
 * forgotten one, a sign-in by mailed code or OIDC within the last minutes; setting the first one
 * takes a sign-in within the last minutes (requireRecentAuthentication). A person with a second
 * factor needs a step-up besides (FORBIDDEN, reason STEP_UP_REQUIRED). Either way the account's
 * other sessions end, and the change is audited.
 */
export async function setPassword(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { newPassword: string; currentPassword?: string | null },
): Promise<boolean> {
  if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  const { userId, sessionId } = ctx.principal;
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user) throw notFound('User');
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw badInput(problem, 'newPassword');
  // A person with a second factor proves themselves with it: their password (perhaps the very
  // one a thief phished) is no proof beside a stolen session (step-up.ts, stepUpFactorsOf).
  if ((await secondFactorsOf(ctx.em, user.id)).length) await requireStepUp(ctx, options);
  const changing = Boolean(user.passwordHash);
  if (changing && (input.currentPassword || !(await recentlyProvedByMail(ctx, options))))
    await checkCurrentPassword(ctx, options, user, input.currentPassword ?? null);
  else await requireRecentAuthentication(ctx, options);
  const passwordHash = await hashPassword(input.newPassword);
  // Taking the current password's try may have begun a fresh transaction: write by id.
  await ctx.em.nativeUpdate(User, { id: user.id }, { passwordHash });
  const sessionsEnded = await revokeOtherSessions(ctx.em, user.id, sessionId, options.now());
  await recordAuditEvent(ctx.em, 'identity', {
    action: changing ? 'identity.password.changed' : 'identity.password.set',
    outcome: 'SUCCESS',
    organizationId: null,
    actor: actorOf(ctx.principal, ctx.origin, deviceTypeOf(ctx.origin.userAgent)),
    target: { type: 'User', id: user.id },
    metadata: { sessionsEnded },
  });
  return true;
}

/** Sign-ins that prove the account's mailbox or identity provider: enough to reset a forgotten password. */
const RESET_PROOFS = new Set(['EMAIL_CODE', 'OIDC']);

/**
 * Whether the session was opened within the re-authentication window by a code mailed to the
 * account or by its identity provider: the way back for a person who forgot their password.
 */
async function recentlyProvedByMail(ctx: IdentityContext, options: IdentityOptions): Promise<boolean> {
  const session = await requireRecentAuthentication(ctx, options).catch(() => null);
  return Boolean(session?.authenticationMethods.some((method) => RESET_PROOFS.has(method)));
}

/**
 * A stolen session must not become a way to guess the password: the current password is checked
 * like a sign-in, behind the same brute-force limits (a wrong one counts, and while throttled it
 * is refused unchecked).
 */
async function checkCurrentPassword(
  ctx: IdentityContext,
  options: IdentityOptions,
  user: User,
  currentPassword: string | null,
): Promise<void> {
  if (!currentPassword) throw badInput('Give your current password to change it', 'currentPassword');
  const hash = user.passwordHash ?? null;
  const candidate = currentPassword.slice(0, 2 * PASSWORD_MAX_LENGTH + 1);
  await checkCredential(
    ctx,
    options,
    { email: user.email, userId: user.id, method: 'PASSWORD' },
    {
      verify: () => verifyPassword(hash, candidate),
      refuseUnchecked: waitLikeVerification,
      error: () => badInput('The current password is not correct', 'currentPassword'),
    },
  );
}
