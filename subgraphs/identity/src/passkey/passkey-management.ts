import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { requireRecentAuthentication } from '../session/recent-authentication.ts';
import { auditPasskeyChange } from './passkey-audit.ts';
import type { Passkey } from './passkey.entity.ts';
import { ownPasskey, passkeyName } from './passkey.repository.ts';

function signedInUserId(ctx: IdentityContext): string {
  if (ctx.principal.kind !== 'user') throw stewardError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return ctx.principal.userId;
}

export async function renamePasskey(
  ctx: IdentityContext,
  input: { id: string; name: string },
): Promise<Passkey> {
  const userId = signedInUserId(ctx);
  const name = passkeyName(input.name);
  const passkey = await ownPasskey(ctx.em, userId, input.id);
  passkey.name = name;
  await ctx.em.flush();
  await auditPasskeyChange(ctx.em, ctx, { action: 'renamed', userId, passkeyId: passkey.id });
  return passkey;
}

/**
 * Removes one of the user's passkeys. A session may be held by a thief, who must not be able to
 * take the owner's way in away: removal needs a recent sign-in (requireRecentAuthentication;
 * step-up once the factors land).
 */
export async function removePasskey(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now' | 'recentAuthenticationMs'>,
  input: { id: string },
): Promise<boolean> {
  const userId = signedInUserId(ctx);
  const passkey = await ownPasskey(ctx.em, userId, input.id);
  await requireRecentAuthentication(ctx, options);
  ctx.em.remove(passkey);
  await ctx.em.flush();
  await auditPasskeyChange(ctx.em, ctx, { action: 'removed', userId, passkeyId: passkey.id });
  return true;
}
