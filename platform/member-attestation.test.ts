import { describe, expect, it } from '@jest/globals';
import { createPublicKey } from 'node:crypto';
import { generateStewardKeys, privateKeyFromPem } from './internal-token.ts';
import {
  ATTESTATIONS_EXTENSION,
  MAX_ATTESTED_MEMBERS,
  attestationsFor,
  attestedMembers,
  signMemberAttestation,
} from './member-attestation.ts';
import type { Principal } from './principal.ts';

const keys = generateStewardKeys(['identity', 'tenancy']);
const tenancyKey = privateKeyFromPem(keys.services.tenancy!.privateKeyPem);
const tenancyPublic = createPublicKey(tenancyKey);
const identityKey = privateKeyFromPem(keys.services.identity!.privateKeyPem);
const viewer: Principal = {
  kind: 'user',
  userId: 'viewer',
  memberships: [
    { organizationId: 'org-a', role: 'ADMIN', projects: [] },
    { organizationId: 'org-b', role: 'MEMBER', projects: [] },
  ],
};

describe('member attestations', () => {
  it('vouch for their users to identity, for the principal they were made for', () => {
    const token = signMemberAttestation(tenancyKey, viewer, ['u1', 'u2', 'u1'])!;
    expect([...attestedMembers([token], tenancyPublic, viewer)]).toEqual(['u1', 'u2']);
    // The same organizations in another order: the same principal.
    const reordered: Principal = { ...viewer, memberships: [...viewer.memberships].reverse() };
    expect(attestedMembers([token], tenancyPublic, reordered).size).toBe(2);
  });

  it('vouch for nobody to another principal, or to this one once its organizations changed', () => {
    const token = signMemberAttestation(tenancyKey, viewer, ['u1'])!;
    const other: Principal = { ...viewer, userId: 'someone-else' };
    const left: Principal = { ...viewer, memberships: viewer.memberships.slice(0, 1) };
    const key: Principal = { kind: 'apiKey', keyId: 'viewer', organizationId: 'org-a', scopes: [] };
    for (const principal of [other, left, key]) {
      expect(attestedMembers([token], tenancyPublic, principal).size).toBe(0);
    }
  });

  it('are refused when signed by another key, tampered with, expired or malformed', () => {
    const forged = signMemberAttestation(identityKey, viewer, ['u1'])!;
    expect(attestedMembers([forged], tenancyPublic, viewer).size).toBe(0);

    const genuine = signMemberAttestation(tenancyKey, viewer, ['u1'])!;
    const [payload, signature] = genuine.split('.') as [string, string];
    const widened = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('["u1"]', '["u1","intruder"]'),
    ).toString('base64url');
    expect(attestedMembers([`${widened}.${signature}`], tenancyPublic, viewer).size).toBe(0);

    const old = signMemberAttestation(tenancyKey, viewer, ['u1'], Date.now() - 61_000)!;
    expect(attestedMembers([old], tenancyPublic, viewer).size).toBe(0);

    for (const junk of ['', '.', 'a.b', `${genuine}.x`, `${payload}.`]) {
      expect(attestedMembers([junk], tenancyPublic, viewer).size).toBe(0);
    }
    // Without the attester's key nothing is vouched for (identity then asks tenancy).
    expect(attestedMembers([genuine], undefined, viewer).size).toBe(0);
  });

  it('are not made for nobody, nor for more users than a request body should carry', () => {
    expect(signMemberAttestation(tenancyKey, viewer, [])).toBeNull();
    const many = Array.from({ length: MAX_ATTESTED_MEMBERS + 1 }, (_, i) => `u${i}`);
    expect(signMemberAttestation(tenancyKey, viewer, many)).toBeNull();
  });

  it('travel as an extension, by audience', () => {
    const extensions = { [ATTESTATIONS_EXTENSION]: { identity: ['t1', 't2'], audit: ['t3'] } };
    expect(attestationsFor(extensions, 'identity')).toEqual(['t1', 't2']);
    expect(attestationsFor(extensions, 'tenancy')).toEqual([]);
    expect(attestationsFor({ [ATTESTATIONS_EXTENSION]: { identity: 'not a list' } }, 'identity')).toEqual([]);
    expect(attestationsFor(undefined, 'identity')).toEqual([]);
  });
});
