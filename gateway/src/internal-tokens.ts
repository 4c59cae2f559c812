import type { InternalTokenSigner } from '../../platform/internal-token.ts';
import type { Principal, RequestOrigin } from '../../platform/principal.ts';

interface Minted {
  token: Promise<string>;
  renewAt: number;
}

/** Distinct clients (IP, user agent) remembered per principal before its tokens are minted afresh. */
const MAX_CLIENTS_PER_PRINCIPAL = 32;

/**
 * The internal tokens of the gateway's subgraph calls: one per subgraph, principal and client,
 * reused until half its life is gone. Signing is the costliest step of a call (Ed25519 through
 * WebCrypto), and a session's requests share all three. Keyed by the principal object itself:
 * the principal cache hands out a new object whenever a principal changes (a revoked session, a
 * new role), so a stale principal's tokens are never reused and go with it.
 */
export function createInternalTokens(signer: InternalTokenSigner, ttlSeconds: number) {
  const minted = new WeakMap<Principal, Map<string, Minted>>();
  const reuseMs = (ttlSeconds * 1000) / 2;

  return {
    tokenFor(subgraph: string, principal: Principal, origin: RequestOrigin): Promise<string> {
      let tokens = minted.get(principal);
      if (!tokens) minted.set(principal, (tokens = new Map()));
      const key = `${subgraph}\n${origin.ip ?? ''}\n${origin.userAgent ?? ''}`;
      const now = Date.now();
      const known = tokens.get(key);
      if (known && known.renewAt > now) return known.token;
      if (tokens.size >= MAX_CLIENTS_PER_PRINCIPAL) tokens.clear();
      const token = signer(subgraph, { principal, origin: { ip: origin.ip, userAgent: origin.userAgent } });
      tokens.set(key, { token, renewAt: now + reuseMs });
      token.catch(() => {
        if (tokens.get(key)?.token === token) tokens.delete(key);
      });
      return token;
    },
  };
}

export type InternalTokens = ReturnType<typeof createInternalTokens>;
