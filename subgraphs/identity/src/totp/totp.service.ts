import { toString as qrCodeText } from 'qrcode';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { ErrorCode, badInput, notFound, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { checkCredential } from '../sign-in/sign-in-failure.ts';
import { requireStepUp } from '../step-up/step-up.ts';
import { recordFailedSignIn } from '../sign-in/sign-in-failure.ts';
import { User } from '../user/user.entity.ts';
import { openFactorSecret, sealFactorSecret } from './factor-secret-box.ts';
import { TotpFactor } from './totp-factor.entity.ts';
import { isTotpShaped, newTotpSecret, stepOfCode, totpUri } from './totp.ts';

const totpEnrolled = () =>
  stewardError(ErrorCode.CONFLICT, 'An authenticator app is enrolled: remove it first', {
    reason: 'TOTP_ENROLLED',
  });
const invalidTotp = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid code', { reason: 'INVALID_CODE' });

async function signedInUser(ctx: IdentityContext): Promise<User> {
  if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  const user = await ctx.em.findOne(User, { id: ctx.principal.userId });
  if (!user) throw notFound('User');
  return user;
}

export const auditFactorEvent = (
  ctx: IdentityContext,
  userId: string,
  action: string,
  outcome: 'SUCCESS' | 'FAILURE' = 'SUCCESS',
  metadata: Record<string, unknown> = {},
) =>
  recordAuditEvent(ctx.em, 'identity', {
    action,
    outcome,
    organizationId: null,
    actor: actorOf(ctx.principal, ctx.origin, deviceTypeOf(ctx.origin.userAgent)),
    target: { type: 'User', id: userId },
    metadata,
  });

/**
 * Starts enrolling an authenticator app: a new secret, shown in this answer only (as text, as an
 * otpauth URI and as a QR code), stored sealed and unconfirmed until a first code proves the app
 * holds it. Starting again replaces an unconfirmed secret; a confirmed one must be removed first.
 * Needs a step-up (FORBIDDEN, reason STEP_UP_REQUIRED).
 */
export async function startTotpEnrolment(ctx: IdentityContext, options: IdentityOptions) {
  const user = await signedInUser(ctx);
  const existing = await ctx.em.findOne(TotpFactor, { userId: user.id });
  if (existing?.confirmedAt) throw totpEnrolled();
  // A new factor is a step-up to come (confirming it authenticates the session): only for a
  // session that proved itself lately, else a stolen one would make itself a factor of its own.
  await requireStepUp(ctx, options);
  const secret = newTotpSecret();
  const sealed = sealFactorSecret(options.factorKey, user.id, secret);
  // One statement: starts at once are one row (the last secret stands), and an app confirmed
  // meanwhile is never overwritten by a secret its confirmer did not see. Committed at once with
  // its audit event, written first: starts at once hold the row for the upsert and the commit only.
  const written = await ctx.tx.commitNow(async (em) => {
    await auditFactorEvent(ctx, user.id, 'identity.totp.enrolment_started');
    const rows = await em.execute<{ user_id: string }[]>(
      `insert into identity.totp_factors (user_id, secret_ciphertext, created_at) values (?, ?, ?)
       on conflict (user_id) do update
         set secret_ciphertext = excluded.secret_ciphertext, created_at = excluded.created_at, last_used_step = null
         where identity.totp_factors.confirmed_at is null
       returning user_id`,
      [user.id, sealed, options.now()],
    );
    // An app confirmed meanwhile: nothing written, the event with it (rolled back).
    if (!rows.length) throw totpEnrolled();
    return rows.length;
  });
  if (!written) throw totpEnrolled();
  const uri = totpUri(secret, user.email);
  // SVG, not PNG: qrcode's PNG encoder (pure JS, every filter tried per row) took the event loop
  // for tens of milliseconds per start, and every request waited behind it.
  const svg = await qrCodeText(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a TOTP code of `user` behind the brute-force limits (a sign-in's: same counters, same
 * answers) and spends its time step, so that the code works once. `confirming` reads the
 * unconfirmed secret of an enrolment. A reused code counts as a wrong one.
 */
export async function verifyTotp(
  ctx: IdentityContext,
  options: IdentityOptions,
  user: User,
  code: string,
  confirming = false,
): Promise<TotpFactor> {
  if (!isTotpShaped(code)) throw badInput('A code is 6 digits', 'code');
  const factor = await ctx.em.findOne(TotpFactor, {
    userId: user.id,
    confirmedAt: confirming ? null : { $ne: null },
  });
  if (!factor) throw stewardError(ErrorCode.CONFLICT, 'No authenticator app to check', { reason: 'NO_TOTP' });
  const now = options.now();
  const attempt = { email: user.email, userId: user.id, method: 'TOTP' } as const;
  const checked: { step?: number | null } = {};
  await checkCredential<TotpFactor | null>(ctx, options, attempt, {
    // Read in the try's transaction: the freshest last step used.
    take: (em) => em.findOne(TotpFactor, { userId: user.id }, { refresh: true }),
    verify: async (current) => {
      if (!current) return false;
      const step = stepOfCode(
        openFactorSecret(options.factorKey, user.id, current.secretCiphertext),
        code,
        now,
      );
      checked.step = step;
      return step !== null && (current.lastUsedStep == null || step > current.lastUsedStep);
    },
    error: invalidTotp,
  });
  // Spent in the request's transaction, once: a concurrent request with the same code loses here.
  const { step } = checked;
  const spent =
    step === null || step === undefined
      ? 0
      : await ctx.em.nativeUpdate(
          TotpFactor,
          { userId: user.id, $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }] },
          { lastUsedStep: step },
        );
  if (spent !== 1) {
    await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
    throw invalidTotp();
  }
  return factor;
}

/** Confirms an enrolment with a first code; the app is a second factor from now on. */
export async function confirmTotpEnrolment(ctx: IdentityContext, options: IdentityOptions, code: string) {
  const user = await signedInUser(ctx);
  await verifyTotp(ctx, options, user, code, true);
  await ctx.em.nativeUpdate(TotpFactor, { userId: user.id }, { confirmedAt: options.now() });
  await auditFactorEvent(ctx, user.id, 'identity.totp.enrolled');
  return user;
}

/** Removes the authenticator app and the recovery codes that stood in for it (step-up checked by the caller). */
export async function removeTotp(ctx: IdentityContext, userId: string): Promise<boolean> {
  // An enrolment never confirmed is no factor: removing "the app" answers NOT_FOUND then.
  const removed = await ctx.em.nativeDelete(TotpFactor, { userId, confirmedAt: { $ne: null } });
  if (!removed) throw notFound('Authenticator app');
  await auditFactorEvent(ctx, userId, 'identity.totp.removed');
  return true;
}

export { signedInUser };
