import type { EntityManager } from '@mikro-orm/postgresql';
import { Passkey } from '../passkey/passkey.entity.ts';
import { RecoveryCode } from '../recovery-code/recovery-code.entity.ts';
import { TotpFactor } from '../totp/totp-factor.entity.ts';

/** A factor that completes a sign-in challenge or gives a step-up. */
export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE' | 'PASSKEY';

/**
 * The second factors a person can give now: a confirmed authenticator app, a passkey, and unspent
 * recovery codes when they have one of those (recovery codes alone are a way back, not a factor).
 */
export async function secondFactorsOf(em: EntityManager, userId: string): Promise<SecondFactorMethod[]> {
  const factors: SecondFactorMethod[] = [];
  if (await em.count(TotpFactor, { userId, confirmedAt: { $ne: null } })) factors.push('TOTP');
  if (await em.count(Passkey, { userId })) factors.push('PASSKEY');
  if (!factors.length) return [];
  const codes = await em.count(RecoveryCode, { userId, usedAt: null });
  return codes ? [...factors, 'RECOVERY_CODE'] : factors;
}
