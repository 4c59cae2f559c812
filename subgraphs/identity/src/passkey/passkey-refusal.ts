import { GraphQLError } from 'graphql';
import { ErrorCode, stewardError } from '../../../../platform/errors.ts';

/**
 * Why an answer to a passkey challenge was refused. Recorded in the audit event; a client is told
 * only the first two apart (it can act on them: start again, or pick another passkey).
 */
export type PasskeyRefusalReason =
  | 'CHALLENGE_EXPIRED'
  | 'UNKNOWN_CREDENTIAL'
  | 'CHALLENGE_MISMATCH'
  | 'ORIGIN_MISMATCH'
  | 'RP_ID_MISMATCH'
  | 'USER_NOT_VERIFIED'
  | 'BAD_SIGNATURE'
  | 'COUNTER_REGRESSION'
  | 'INVALID_RESPONSE';

/** `extensions.reason` of an expired, unknown or spent challenge: start the ceremony again. */
export const PASSKEY_CHALLENGE_EXPIRED = 'PASSKEY_CHALLENGE_EXPIRED';
/** `extensions.reason` of an answer that does not prove the passkey (signature, origin, counter…). */
export const PASSKEY_REFUSED = 'PASSKEY_REFUSED';

/** The coded error a client sees for a refusal. */
export function passkeyError(reason: PasskeyRefusalReason | 'THROTTLED'): GraphQLError {
  if (reason === 'CHALLENGE_EXPIRED')
    return stewardError(ErrorCode.UNAUTHENTICATED, 'The passkey challenge expired or was used; start again', {
      reason: PASSKEY_CHALLENGE_EXPIRED,
    });
  if (reason === 'UNKNOWN_CREDENTIAL') return stewardError(ErrorCode.NOT_FOUND, 'Passkey not found');
  return stewardError(ErrorCode.UNAUTHENTICATED, 'Passkey not accepted', { reason: PASSKEY_REFUSED });
}

/**
 * A refused answer: the coded error a client sees (extends GraphQLError), with what the audit
 * event needs to name besides (never sent: only `code` and `reason` extensions are public).
 */
export class PasskeyRefusal extends GraphQLError {
  readonly reason: PasskeyRefusalReason;
  /** The passkey the answer claimed to come from, when it is the expected user's. */
  readonly passkeyId: string | null;
  /** The user the ceremony or the passkey belongs to, when known. */
  readonly userId: string | null;

  constructor(
    reason: PasskeyRefusalReason,
    about: { passkeyId?: string | null; userId?: string | null } = {},
  ) {
    const coded = passkeyError(reason);
    super(coded.message, { extensions: coded.extensions });
    this.name = 'PasskeyRefusal';
    this.reason = reason;
    this.passkeyId = about.passkeyId ?? null;
    this.userId = about.userId ?? null;
  }
}
