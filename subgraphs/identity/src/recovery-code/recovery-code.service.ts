import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { checkCredential, recordFailedSignIn } from '../sign-in/sign-in-failure.ts';
import { auditFactorEvent } from '../totp/totp.service.ts';
import type { User } from '../user/user.entity.ts';
import { RecoveryCode } from './recovery-code.entity.ts';
import {
  RECOVERY_CODE_COUNT,
  newRecoveryCode,
  isRecoveryCodeShaped,
  recoveryCodeHash,
} from './recovery-codes.ts';

const invalidRecoveryCode = () =>
  stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid recovery code', { reason: 'INVALID_CODE' });

/** Ten new codes, shown in this answer only; every older code of the person stops working. */
export async function regenerateRecoveryCodes(
  ctx: IdentityContext,
  options: IdentityOptions,
  userId: string,
): Promise<string[]> {
  const revoked = await ctx.em.nativeDelete(RecoveryCode, { userId });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const createdAt = options.now();
  for (const code of codes) {
    ctx.em.create(RecoveryCode, { userId, codeHash: recoveryCodeHash(options.factorKey, code), createdAt });
  }
  await ctx.em.flush();
  await auditFactorEvent(ctx, userId, 'identity.recovery_codes.generated', 'SUCCESS', { revoked });
  return codes;
}

/** How many of the person's codes are still unspent. */
export const recoveryCodesLeft = (ctx: IdentityContext, userId: string) =>
  ctx.em.count(RecoveryCode, { userId, usedAt: null });

/**
 * Checks a recovery code of `user` behind the brute-force limits and spends it: each code works
 * once, a concurrent use of the same code loses (and counts as a wrong one).
 */
export async function useRecoveryCode(
  ctx: IdentityContext,
  options: IdentityOptions,
  user: User,
  typed: string,
): Promise<void> {
  if (!isRecoveryCodeShaped(typed)) {
    throw badInput('A recovery code has 10 letters and digits', 'code');
  }
  const codeHash = recoveryCodeHash(options.factorKey, typed);
  const attempt = { email: user.email, userId: user.id, method: 'RECOVERY_CODE' } as const;
  const match: { code?: RecoveryCode | null } = {};
  await checkCredential(ctx, options, attempt, {
    verify: async () => {
      match.code = await ctx.em.findOne(RecoveryCode, { userId: user.id, codeHash, usedAt: null });
      return Boolean(match.code);
    },
    error: invalidRecoveryCode,
  });
  const spent = match.code
    ? await ctx.em.nativeUpdate(RecoveryCode, { id: match.code.id, usedAt: null }, { usedAt: options.now() })
    : 0;
  if (spent !== 1) {
    await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
    throw invalidRecoveryCode();
  }
  await auditFactorEvent(ctx, user.id, 'identity.recovery_code.used', 'SUCCESS', {
    left: await recoveryCodesLeft(ctx, user.id),
  });
}
