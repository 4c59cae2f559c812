import { generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { Principal, RequestOrigin } from './principal.ts';

const ISSUER = 'steward-gateway';
const ALGORITHM = 'EdDSA';

/** Audience of a subgraph's internal tokens: a token minted for one subgraph is refused by the others. */
export const audienceOf = (subgraph: string) => `steward:${subgraph}`;

export interface InternalClaims {
  principal: Principal;
  origin: RequestOrigin;
}

export function generateInternalKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const privateKeyFromPem = (pem: string): KeyObject => createPrivateKey(pem);
export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);

/** Signs the short-lived token the gateway attaches to every subgraph call. */
export function createInternalTokenSigner(privateKey: KeyObject, ttlSeconds = 60) {
  return (subgraph: string, claims: InternalClaims): Promise<string> =>
    new SignJWT({ principal: claims.principal, origin: claims.origin })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(audienceOf(subgraph))
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);
}

export type InternalTokenSigner = ReturnType<typeof createInternalTokenSigner>;

/** Verifies signature, issuer, audience and expiry; returns null for anything else. */
export function createInternalTokenVerifier(publicKey: KeyObject, subgraph: string) {
  const audience = audienceOf(subgraph);
  return async (token: string): Promise<InternalClaims | null> => {
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: ISSUER,
        audience,
        algorithms: [ALGORITHM],
        maxTokenAge: '5m',
      });
      const principal = Principal.safeParse(payload.principal);
      const origin = RequestOrigin.safeParse(payload.origin);
      return principal.success && origin.success ? { principal: principal.data, origin: origin.data } : null;
    } catch {
      return null;
    }
  };
}
