import type { EntityManager } from '@mikro-orm/postgresql';
import { RecoveryCode } from '../recovery-code/recovery-code.entity.ts';
import { TotpFactor } from '../totp/totp-factor.entity.ts';

/** A factor that completes a sign-in challenge or gives a step-up. PASSKEY: the passkeys folder. */
export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE' | 'PASSKEY';

/**
 * The second factors a person can give now: a confirmed authenticator app, and unspent recovery
 * codes when they have a factor (recovery codes alone are a way back, not a factor).
 */
export async function secondFactorsOf(em: EntityManager, userId: string): Promise<SecondFactorMethod[]> {
  const totp = await em.count(TotpFactor, { userId, confirmedAt: { $ne: null } });
  if (!totp) return [];
  const codes = await em.count(RecoveryCode, { userId, usedAt: null });
  return codes ? ['TOTP', 'RECOVERY_CODE'] : ['TOTP'];
}

