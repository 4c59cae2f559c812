import { describe, expect, it } from '@jest/globals';
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
