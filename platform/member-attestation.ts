import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { tenantIdsOf, type Principal } from './principal.ts';

/**
 * Tenancy vouches, to identity, for the users it has just answered with as members of the
 * request's principal's organizations (the users of `Organization.members` and `Project.members`
 * rows): identity shows a profile only to someone who shares an organization with its owner, and
 * asked tenancy that again (`membersAmong`, two statements) for the users it had just been given.
 *
 * The statement travels as a response extension of tenancy's, which the gateway keeps for the rest
 * of the client's request and passes on (request extension) to its calls to identity only. It is
 * signed with tenancy's service key, names its audience, binds the principal it was made for (its
 * kind, id and organizations: a principal whose memberships changed no longer matches) and expires
 * with an internal token's life: whoever replays it learns nothing its principal was not shown.
 */
export const ATTESTATIONS_EXTENSION = 'stewardAttestations';

/** Who vouches, and for whom: the only attestation Steward has. */
export const MEMBER_ATTESTER = 'tenancy';
export const MEMBER_AUDIENCE = 'identity';

/** An attestation lives as long as an internal token (INTERNAL_TOKEN_TTL_SECONDS). */
const TTL_SECONDS = 60;
/** Beyond that many users, none is vouched for (identity asks tenancy): the body stays small. */
export const MAX_ATTESTED_MEMBERS = 1000;

const Payload = z.object({
  iss: z.string(),
  aud: z.string(),
  sub: z.string(),
  exp: z.number(),
  members: z.array(z.string()).max(MAX_ATTESTED_MEMBERS),
});

/** The principal an attestation is bound to: kind, id and organizations, hashed. */
export function principalFingerprint(principal: Principal): string {
  const id =
    principal.kind === 'user'
      ? principal.userId
      : principal.kind === 'apiKey'
        ? principal.keyId
        : principal.kind === 'system'
          ? principal.service
          : '';
  const organizations = [...tenantIdsOf(principal)].sort();
  return createHash('sha256')
    .update(JSON.stringify([principal.kind, id, organizations]))
    .digest('base64url');
}

/** `payload.signature`, both base64url: the Ed25519 signature covers the encoded payload. */
export function signMemberAttestation(
  key: KeyObject,
  principal: Principal,
  members: Iterable<string>,
  now = Date.now(),
): string | null {
  const unique = [...new Set(members)];
  if (!unique.length || unique.length > MAX_ATTESTED_MEMBERS) return null;
  const payload = Buffer.from(
    JSON.stringify({
      iss: MEMBER_ATTESTER,
      aud: MEMBER_AUDIENCE,
      sub: principalFingerprint(principal),
      exp: Math.floor(now / 1000) + TTL_SECONDS,
      members: unique,
    }),
  ).toString('base64url');
  return `${payload}.${sign(null, Buffer.from(payload), key).toString('base64url')}`;
}

/**
 * The users that valid attestations among `tokens` vouch for, for this principal: signed by the
 * attester's key, addressed to the audience, for this principal, unexpired. Anything else is
 * ignored (the caller then asks, as without an attestation); never throws.
 */
export function attestedMembers(
  tokens: readonly string[],
  attesterKey: KeyObject | undefined,
  principal: Principal,
  now = Date.now(),
): Set<string> {
  const members = new Set<string>();
  if (!attesterKey || !tokens.length) return members;
  const fingerprint = principalFingerprint(principal);
  for (const token of tokens) {
    const [encoded, signature, extra] = token.split('.');
    if (!encoded || !signature || extra !== undefined) continue;
    try {
      if (!verify(null, Buffer.from(encoded), attesterKey, Buffer.from(signature, 'base64url'))) continue;
      const parsed = Payload.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
      if (!parsed.success) continue;
      const { iss, aud, sub, exp, members: vouched } = parsed.data;
      if (iss !== MEMBER_ATTESTER || aud !== MEMBER_AUDIENCE || sub !== fingerprint) continue;
      if (exp * 1000 <= now) continue;
      for (const id of vouched) members.add(id);
    } catch {
      continue;
    }
  }
  return members;
}

const Extension = z.record(z.string(), z.array(z.string()));

/** The attestations a response or request carries for `audience` (extension value: audience → tokens). */
export function attestationsFor(extensions: Record<string, unknown> | undefined, audience: string): string[] {
  const parsed = Extension.safeParse(extensions?.[ATTESTATIONS_EXTENSION]);
  return parsed.success ? (parsed.data[audience] ?? []) : [];
}
