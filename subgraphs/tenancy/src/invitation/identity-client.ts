import { accountEmailOperation } from '../../../../contracts/operations/identity/account-email.ts';
import type { TenancyContext } from '../context.ts';

/** The email address of an account: identity owns accounts, so tenancy asks it. */
export async function accountEmailOf(ctx: TenancyContext, userId: string): Promise<string | null> {
  if (!ctx.internal) throw new Error('tenancy has no service key to call identity');
  const { accountEmail } = await ctx.internal(accountEmailOperation, { userId }, ctx.origin);
  return accountEmail;
}
