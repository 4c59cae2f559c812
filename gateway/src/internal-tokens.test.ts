import { describe, expect, it } from '@jest/globals';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateInternalKeyPair,
  privateKeyFromPem,
  publicKeyFromPem,
  type InternalClaims,
} from '../../platform/internal-token.ts';
import type { Principal } from '../../platform/principal.ts';
import { createInternalTokens } from './internal-tokens.ts';

const keys = generateInternalKeyPair();
const sign = createInternalTokenSigner(privateKeyFromPem(keys.privateKeyPem));
const client = { requestId: 'r1', ip: '192.0.2.1', userAgent: 'curl/8' };

/** The real signer, counting what it signs. */
function countingSigner(fail = false) {
  const signed: string[] = [];
  const signer = (subgraph: string, claims: InternalClaims) => {
    signed.push(subgraph);
    return fail ? Promise.reject(new Error('no key')) : sign(subgraph, claims);
  };
  return { signer, signed };
}

const user = (): Principal & { kind: 'user' } => ({
  kind: 'user',
  userId: 'u1',
  sessionId: 's1',
  memberships: [],
});

describe('internal tokens of the gateway', () => {
  it('one token per subgraph, principal and client, reused across requests', async () => {
    const { signer, signed } = countingSigner();
    const tokens = createInternalTokens(signer, 60);
    const principal = user();

    const first = await tokens.tokenFor('tenancy', principal, client);
    const again = await tokens.tokenFor('tenancy', principal, { ...client, requestId: 'r2' });
    await tokens.tokenFor('identity', principal, client);
    await tokens.tokenFor('tenancy', principal, { ...client, ip: '192.0.2.2' });
    await tokens.tokenFor('tenancy', principal, { ...client, userAgent: 'other' });

    expect(again).toBe(first);
    expect(signed).toEqual(['tenancy', 'identity', 'tenancy', 'tenancy']);
    const verified = await createInternalTokenVerifier(publicKeyFromPem(keys.publicKeyPem), 'tenancy')(first);
    // The request id is not signed: it travels as a header, so a reused token carries no stale one.
    expect(verified).toEqual({ principal, origin: { ip: '192.0.2.1', userAgent: 'curl/8' } });
  });

  it('a changed principal (a new object from the principal cache) never gets the old tokens', async () => {
    const { signer, signed } = countingSigner();
    const tokens = createInternalTokens(signer, 60);
    const before = user();
    await tokens.tokenFor('tenancy', before, client);
    await tokens.tokenFor(
      'tenancy',
      { ...before, memberships: [{ organizationId: 'o1', role: 'ADMIN', projects: [] }] },
      client,
    );
    expect(signed).toHaveLength(2);
  });

  it('a token is minted afresh once half its life is gone', async () => {
    const { signer, signed } = countingSigner();
    const tokens = createInternalTokens(signer, 0.1);
    const principal = user();
    await tokens.tokenFor('tenancy', principal, client);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await tokens.tokenFor('tenancy', principal, client);
    expect(signed).toHaveLength(2);
  });

  it('a failed signing is not remembered', async () => {
    const { signer, signed } = countingSigner(true);
    const tokens = createInternalTokens(signer, 60);
    const principal = user();
    await expect(tokens.tokenFor('tenancy', principal, client)).rejects.toThrow('no key');
    await expect(tokens.tokenFor('tenancy', principal, client)).rejects.toThrow('no key');
    expect(signed).toHaveLength(2);
  });
});
