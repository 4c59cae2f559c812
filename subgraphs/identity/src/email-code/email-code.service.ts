import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { checkCredential, recordFailedSignIn } from '../sign-in/sign-in-failure.ts';
import { parseEmail } from '../user/email.ts';
import { User } from '../user/user.entity.ts';
import { findOrCreateUser } from '../user/user.repository.ts';
import { CODE_LIFETIME_MS, codeMatches, isCodeShaped, newCode } from './code.ts';
import { spendCode, storeCode, takeCodeMail, takeCodeTry, type StoredCode } from './email-code.repository.ts';

// Wrong, expired, spent, worn out or throttled: one answer, so a guess learns nothing.
const invalidCode = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid code');

function emailOf(input: string): string {
  const email = parseEmail(input);
  if (!email) throw badInput('Not a valid email address', 'email');
  return email;
}

/**
 * Mails a new code, beside the ones still live. At most `codeMails.perHour` mails an hour reach an
 * address, and a request within `codeMails.resendAfterMs` of the last mail is absorbed (the code
 * sent then still works): a script cannot flood an inbox, nor lock its owner out by burning the
 * codes they type. Every request answers true; nothing depends on whether the email belongs to a
 * user (the first sign-in creates it).
 */
export async function requestSignInCode(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: string,
): Promise<boolean> {
  const email = emailOf(input);
  const now = options.now();
  const code = newCode();
  // The mail taken from the allowance and its code committed together, at once: concurrent
  // requests each see the mails before them, and a mailed code exists whatever the request does.
  const allowed = await ctx.tx.commitNow(async (em) => {
    if (!(await takeCodeMail(em, email, options.codeMails, now))) return false;
    await storeCode(em, email, code, now);
    return true;
  });
  if (!allowed) {
    ctx.logger.info('sign-in code request absorbed: resent too soon or over the hourly limit');
    return true;
  }
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
  const attempt = { email, userId: known?.id ?? null, method: 'EMAIL_CODE' } as const;
  let match: StoredCode | undefined;
  await checkCredential<StoredCode[]>(ctx, options, attempt, {
    take: (em) => takeCodeTry(em, email, options.now()),
    verify: async (live = []) => {
      match = live.find((code) => codeMatches(input.code, code.salt, code.hash));
      return match !== undefined;
    },
    error: invalidCode,
  });
  // Spent in the request's transaction: a sign-in that rolls back leaves the code usable.
  if (!match || !(await spendCode(ctx.em, email, match, options.now()))) {
    // A concurrent request spent it first.
    await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
    throw invalidCode();
  }
  const user = known ?? (await findOrCreateUser(ctx.em, email));
  return completeSignIn(ctx, options, { user, method: 'EMAIL_CODE' });
}
