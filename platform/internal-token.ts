import { generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { Principal, SignedOrigin, type RequestOrigin } from './principal.ts';

const ISSUER = 'steward-gateway';
const ALGORITHM = 'EdDSA';

/** Audience of a subgraph's internal tokens: a token minted for one subgraph is refused by the others. */
export const audienceOf = (subgraph: string) => `steward:${subgraph}`;

export interface InternalClaims {
  principal: Principal;
  /** Who is at the other end (IP, user agent); a full RequestOrigin may be passed, its id is not signed. */
  origin: SignedOrigin | RequestOrigin;
}

export function generateInternalKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * Every key of one deployment: the gateway's, one per subgraph for its own calls, and the one
 * that signs audit retention checkpoints, and the one that signs certificates of destruction.
 */
export interface StewardKeys extends KeyPairPem {
  services: Record<string, KeyPairPem>;
  auditSigning: KeyPairPem;
  certificateSigning: KeyPairPem;
}

export function generateStewardKeys(services: readonly string[]): StewardKeys {
  return {
    ...generateInternalKeyPair(),
    services: Object.fromEntries(services.map((name) => [name, generateInternalKeyPair()])),
    auditSigning: generateInternalKeyPair(),
    certificateSigning: generateInternalKeyPair(),
  };
}

/** The issuers a subgraph trusts, from the deployment's keys. */
export function trustedIssuersOf(
  keys: Pick<StewardKeys, 'publicKeyPem'> & { services?: Record<string, { publicKeyPem: string }> },
): TrustedIssuers {
  return {
    gateway: publicKeyFromPem(keys.publicKeyPem),
    services: Object.fromEntries(
      Object.entries(keys.services ?? {}).map(([name, pair]) => [name, publicKeyFromPem(pair.publicKeyPem)]),
    ),
  };
}

export const privateKeyFromPem = (pem: string): KeyObject => createPrivateKey(pem);
export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);

/** Issuer of the gateway's tokens, which may carry any principal. */
export const GATEWAY_ISSUER = ISSUER;
/** Issuer of a subgraph's own calls to another subgraph; they carry only its system principal. */
export const serviceIssuerOf = (service: string) => `steward-service:${service}`;

/** How long an internal token is valid, unless its signer says otherwise. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

/** Signs the short-lived token attached to a call to one subgraph (the audience). */
export function createInternalTokenSigner(
  privateKey: KeyObject,
  options: { issuer?: string; ttlSeconds?: number } = {},
) {
  const issuer = options.issuer ?? GATEWAY_ISSUER;
  const ttl = options.ttlSeconds ?? INTERNAL_TOKEN_TTL_SECONDS;
  return (subgraph: string, claims: InternalClaims): Promise<string> =>
    new SignJWT({
      principal: claims.principal,
      origin: { ip: claims.origin.ip, userAgent: claims.origin.userAgent },
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(issuer)
      .setAudience(audienceOf(subgraph))
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(privateKey);
}

export type InternalTokenSigner = ReturnType<typeof createInternalTokenSigner>;

/** Whose tokens a subgraph accepts: the gateway's, and those of the services it lists. */
export interface TrustedIssuers {
  gateway: KeyObject;
  services?: Record<string, KeyObject>;
}

/** Longest an internal token is accepted after it was issued, whatever its expiry says. */
const MAX_TOKEN_AGE_SECONDS = 300;
/** Verified tokens remembered per subgraph: the gateway reuses each for half its life. */
const VERIFIED_TOKENS_KEPT = 10_000;

type Verified = { principal: Principal; origin: SignedOrigin };

function deepFrozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Verifies signature, issuer, audience and expiry; returns null for anything else. A token that
 * verified is remembered, by its whole text (signature included), until it expires: the gateway
 * sends the same token with every call of a session for 30 s, and the Ed25519 check through
 * WebCrypto was the costliest step of a subgraph call (docs/PERFORMANCE.md). A refused token is
 * never remembered, so garbage cannot fill the cache.
 */
export function createInternalTokenVerifier(trusted: TrustedIssuers | KeyObject, subgraph: string) {
  const { gateway, services = {} } = 'gateway' in trusted ? trusted : { gateway: trusted };
  const keys = new Map<string, KeyObject>([
    [GATEWAY_ISSUER, gateway],
    ...Object.entries(services).map(([name, key]) => [serviceIssuerOf(name), key] as [string, KeyObject]),
  ]);
  const audience = audienceOf(subgraph);
  const verified = new Map<string, { result: Verified; validUntilMs: number }>();

  async function verify(token: string): Promise<{ result: Verified; validUntilMs: number } | null> {
    try {
      const issuer = decodeJwt(token).iss;
      const key = issuer ? keys.get(issuer) : undefined;
      if (!issuer || !key) return null;
      const { payload } = await jwtVerify(token, key, {
        issuer,
        audience,
        algorithms: [ALGORITHM],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      });
      const principal = Principal.safeParse(payload.principal);
      const origin = SignedOrigin.safeParse(payload.origin);
      if (!principal.success || !origin.success) return null;
      // A service speaks only for itself: its key cannot mint a user's or another service's principal.
      if (issuer !== GATEWAY_ISSUER) {
        const p = principal.data;
        if (p.kind !== 'system' || serviceIssuerOf(p.service) !== issuer) return null;
      }
      // Good until its expiry or its maximum age, whichever comes first (both checked above).
      const untilSeconds = Math.min(payload.exp ?? 0, (payload.iat ?? 0) + MAX_TOKEN_AGE_SECONDS);
      // Frozen: every request that presents the token shares these objects.
      return {
        result: deepFrozen({ principal: principal.data, origin: origin.data }),
        validUntilMs: untilSeconds * 1000,
      };
    } catch {
      return null;
    }
  }

  return async (token: string): Promise<Verified | null> => {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.validUntilMs) return known.result;
      verified.delete(token);
      return null;
    }
    const checked = await verify(token);
    if (!checked) return null;
    // The oldest entry goes first (a Map keeps insertion order).
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    verified.set(token, checked);
    return checked.result;
  };
}
