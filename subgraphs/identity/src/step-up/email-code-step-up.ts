import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import { codeMatches, isCodeShaped } from '../email-code/code.ts';
import { spendCode, takeCodeTry, type StoredCode } from '../email-code/email-code.repository.ts';
import type { IdentityOptions } from '../options.ts';
import { checkCredential, recordFailedSignIn } from '../sign-in/sign-in-failure.ts';
import { stepUp } from './step-up.service.ts';

const invalidCode = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid code', { reason: 'INVALID_CODE' });

/**
 * A step-up by a code mailed to the account (requestSignInCode with its own address): for a person
 * with neither a second factor nor a password. The code is checked and spent as a sign-in's is,
 * behind the same limits.
 */
export function stepUpWithEmailCode(ctx: IdentityContext, options: IdentityOptions, code: string) {
  if (!isCodeShaped(code)) throw badInput('A code is 6 digits', 'code');
  return stepUp(ctx, options, 'EMAIL_CODE', async (user) => {
    const attempt = { email: user.email, userId: user.id, method: 'EMAIL_CODE' } as const;
    const now = options.now();
    const checked: { match?: StoredCode } = {};
    await checkCredential<StoredCode[]>(ctx, options, attempt, {
      take: (em) => takeCodeTry(em, user.email, now),
      verify: async (live = []) => {
        checked.match = live.find((stored) => codeMatches(code, stored.salt, stored.hash));
        return checked.match !== undefined;
      },
      error: invalidCode,
    });
    if (!checked.match || !(await spendCode(ctx.em, user.email, checked.match, now))) {
      await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
      throw invalidCode();
    }
  });
}
