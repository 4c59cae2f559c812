import { describe, expect, it } from '@jest/globals';
import { assertPublicIssuer, isInternalAddress, parseIssuer } from './sso-issuer.ts';

describe('an organization’s SSO issuer', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
  ])('counts %s as the operator’s own network', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('counts %s as public', (address) =>
    expect(isInternalAddress(address)).toBe(false),
  );

  it('takes https, and plain http on loopback only outside production', () => {
    expect(parseIssuer('https://idp.example.com/', true)).toBe('https://idp.example.com');
    expect(parseIssuer('http://127.0.0.1:9000', false)).toBe('http://127.0.0.1:9000');
    expect(() => parseIssuer('http://127.0.0.1:9000', true)).toThrow(/https/);
    expect(() => parseIssuer('http://idp.example.com', false)).toThrow(/https/);
  });

  it('in production, refuses an issuer whose address is internal (cloud metadata, loopback)', async () => {
    await expect(assertPublicIssuer('https://169.254.169.254', true)).rejects.toThrow(/public/);
    await expect(assertPublicIssuer('https://[::1]', true)).rejects.toThrow(/public/);
    await expect(assertPublicIssuer('https://localhost', true)).rejects.toThrow(/public/);
    await expect(assertPublicIssuer('https://localhost', false)).resolves.toBeUndefined();
  });
});
