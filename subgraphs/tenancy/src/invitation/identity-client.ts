import type { TenancyContext } from '../context.ts';

const ACCOUNT_EMAIL = /* GraphQL */ `
  query AccountEmail($userId: ID!) {
    accountEmail(userId: $userId)
  }
`;

/** The email address of an account: identity owns accounts, so tenancy asks it. */
export async function accountEmailOf(ctx: TenancyContext, userId: string): Promise<string | null> {
  if (!ctx.internal) throw new Error('tenancy has no service key to call identity');
  const { accountEmail } = await ctx.internal<{ accountEmail: string | null }>(
    'identity',
    ACCOUNT_EMAIL,
    { userId },
    ctx.origin,
  );
  return accountEmail;
}
