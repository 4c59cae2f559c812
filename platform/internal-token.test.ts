import { describe, expect, it, jest } from '@jest/globals';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateStewardKeys,
  privateKeyFromPem,
  serviceIssuerOf,
  trustedIssuersOf,
} from './internal-token.ts';
import type { Principal } from './principal.ts';

const keys = generateStewardKeys(['identity', 'tenancy']);
const verifyForTenancy = createInternalTokenVerifier(trustedIssuersOf(keys), 'tenancy');
const origin = { requestId: 'r', ip: null, userAgent: null };
const user: Principal = { kind: 'user', userId: 'u1', memberships: [] };
const gateway = createInternalTokenSigner(privateKeyFromPem(keys.privateKeyPem));
const asService = (name: string, keyOf = name) =>
  createInternalTokenSigner(privateKeyFromPem(keys.services[keyOf]!.privateKeyPem), {
    issuer: serviceIssuerOf(name),
  });

describe('internal tokens', () => {
  it('the gateway may carry any principal, for the audience it names', async () => {
    expect(await verifyForTenancy(await gateway('tenancy', { principal: user, origin }))).toMatchObject({
      principal: user,
    });
    expect(await verifyForTenancy(await gateway('identity', { principal: user, origin }))).toBeNull();
  });

  it('a service may speak only for itself', async () => {
    const identity = asService('identity');
    const own: Principal = { kind: 'system', service: 'identity' };
    expect(await verifyForTenancy(await identity('tenancy', { principal: own, origin }))).toMatchObject({
      principal: own,
    });
    expect(await verifyForTenancy(await identity('tenancy', { principal: user, origin }))).toBeNull();
    const impersonating: Principal = { kind: 'system', service: 'gateway' };
    expect(
      await verifyForTenancy(await identity('tenancy', { principal: impersonating, origin })),
    ).toBeNull();
  });

  it("a service's key cannot sign for another service", async () => {
    const forged = asService('identity', 'tenancy');
    const principal: Principal = { kind: 'system', service: 'identity' };
    expect(await verifyForTenancy(await forged('tenancy', { principal, origin }))).toBeNull();
  });

  it('an unknown issuer is refused', async () => {
    const unknown = createInternalTokenSigner(privateKeyFromPem(keys.privateKeyPem), {
      issuer: 'someone-else',
    });
    expect(await verifyForTenancy(await unknown('tenancy', { principal: user, origin }))).toBeNull();
  });
});

describe('verified tokens, remembered', () => {
  it('a token is accepted again until it expires, then refused, though remembered', async () => {
    const shortLived = createInternalTokenSigner(privateKeyFromPem(keys.privateKeyPem), { ttlSeconds: 10 });
    const token = await shortLived('tenancy', { principal: user, origin });
    const first = await verifyForTenancy(token);
    expect(first).toMatchObject({ principal: user });
    expect(await verifyForTenancy(token)).toBe(first);
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
    try {
      expect(await verifyForTenancy(token)).toBeNull();
    } finally {
      now.mockRestore();
    }
  });

  it('a copy of a remembered token with another signature or payload is checked afresh, and refused', async () => {
    const token = await gateway('tenancy', { principal: user, origin });
    expect(await verifyForTenancy(token)).not.toBeNull();
    const [header, payload, signature] = token.split('.');
    const otherSignature = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await verifyForTenancy(`${header}.${payload}.${otherSignature}`)).toBeNull();
    const admin: Principal = { ...user, userId: 'u2' };
    const otherPayload = Buffer.from(JSON.stringify({ principal: admin })).toString('base64url');
    expect(await verifyForTenancy(`${header}.${otherPayload}.${signature}`)).toBeNull();
  });

  it('what requests share cannot be changed by one of them', async () => {
    const token = await gateway('tenancy', {
      principal: {
        kind: 'user',
        userId: 'u3',
        memberships: [{ organizationId: 'o1', role: 'MEMBER', projects: [] }],
      },
      origin,
    });
    const verified = (await verifyForTenancy(token))!;
    expect(() => {
      (verified.principal as { userId: string }).userId = 'someone else';
    }).toThrow(TypeError);
    const memberships = (verified.principal as Extract<Principal, { kind: 'user' }>).memberships;
    expect(() => (memberships as unknown[]).push({})).toThrow(TypeError);
    expect((await verifyForTenancy(token))!.principal).toMatchObject({ userId: 'u3' });
  });
});
