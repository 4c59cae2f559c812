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

/** Verifies signature, issuer, audience and expiry; returns null for anything else. */
export function createInternalTokenVerifier(trusted: TrustedIssuers | KeyObject, subgraph: string) {
  const { gateway, services = {} } = 'gateway' in trusted ? trusted : { gateway: trusted };
  const keys = new Map<string, KeyObject>([
    [GATEWAY_ISSUER, gateway],
    ...Object.entries(services).map(([name, key]) => [serviceIssuerOf(name), key] as [string, KeyObject]),
  ]);
  const audience = audienceOf(subgraph);
  return async (token: string): Promise<{ principal: Principal; origin: SignedOrigin } | null> => {
    try {
      const issuer = decodeJwt(token).iss;
      const key = issuer ? keys.get(issuer) : undefined;
      if (!issuer || !key) return null;
      const { payload } = await jwtVerify(token, key, {
        issuer,
        audience,
        algorithms: [ALGORITHM],
        maxTokenAge: '5m',
      });
      const principal = Principal.safeParse(payload.principal);
      const origin = SignedOrigin.safeParse(payload.origin);
      if (!principal.success || !origin.success) return null;
      // A service speaks only for itself: its key cannot mint a user's or another service's principal.
      if (issuer !== GATEWAY_ISSUER) {
        const p = principal.data;
        if (p.kind !== 'system' || serviceIssuerOf(p.service) !== issuer) return null;
      }
      return { principal: principal.data, origin: origin.data };
    } catch {
      return null;
    }
  };
}
