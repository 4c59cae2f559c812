import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { checkCredential } from '../sign-in/sign-in-failure.ts';
import { parseEmail } from '../user/email.ts';
import { User } from '../user/user.entity.ts';
import { findOrCreateUser } from '../user/user.repository.ts';
import { CODE_LIFETIME_MS, codeMatches, isCodeShaped, newCode } from './code.ts';
import {
  countWrongTry,
  findLiveCode,
  spendCode,
  storeCode,
  type StoredCode,
} from './email-code.repository.ts';

// Wrong, expired, spent, worn out or throttled: one answer, so a guess learns nothing.
const invalidCode = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid code');

function emailOf(input: string): string {
  const email = parseEmail(input);
  if (!email) throw badInput('Not a valid email address', 'email');
  return email;
}

/**
 * Mails a new code, which replaces any earlier one. Nothing here depends on whether the email
 * belongs to a user (the first sign-in creates it), so the answer and its timing are the same.
 */
export async function requestSignInCode(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: string,
): Promise<boolean> {
  const email = emailOf(input);
  const code = newCode();
  await storeCode(ctx.em, email, code, options.now());
  await options.mailer.send({
    to: email,
    subject: 'Your Steward sign-in code',
    text: [
      `Your sign-in code is ${code}.`,
      '',
      `It works once, within ${CODE_LIFETIME_MS / 60_000} minutes. If you did not ask for it,`,
      'ignore this message: nobody can sign in without the code.',
    ].join('\n'),
  });
  return true;
}

/** Signs in with the emailed code; the first sign-in creates the user. */
export async function signInWithCode(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { email: string; code: string },
) {
  const email = emailOf(input.email);
  if (!isCodeShaped(input.code)) throw badInput('A code is 6 digits', 'code');
  const known = await ctx.em.findOne(User, { email });
  let live: StoredCode | null = null;
  await checkCredential(
    ctx,
    options,
    { email, userId: known?.id ?? null, method: 'EMAIL_CODE' },
    {
      verify: async () => {
        const now = options.now();
        live = await findLiveCode(ctx.em, email, now);
        if (!live || !codeMatches(input.code, live.salt, live.hash)) return false;
        return spendCode(ctx.em, email, live, now);
      },
      onWrong: async (em) => {
        if (live) await countWrongTry(em, email, live);
      },
      error: invalidCode,
    },
  );
  const user = known ?? (await findOrCreateUser(ctx.em, email));
  return completeSignIn(ctx, options, { user, method: 'EMAIL_CODE' });
}
