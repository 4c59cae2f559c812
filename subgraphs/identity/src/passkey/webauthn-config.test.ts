import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../platform/config.ts';
import { WebAuthnEnv, developmentWebAuthn, webAuthnFromEnv } from './webauthn-config.ts';

const read = (env: Record<string, string>, NODE_ENV = 'production') =>
  webAuthnFromEnv({ ...loadConfig(WebAuthnEnv, env), NODE_ENV });

describe('the relying party from the environment', () => {
  it('is required in production, naming each missing variable', () => {
    expect(read({}).missing.map((m) => m.variable)).toEqual(['WEBAUTHN_RP_ID', 'WEBAUTHN_ORIGINS']);
  });

  it('defaults to localhost outside production', () => {
    expect(read({}, 'development')).toEqual({ webauthn: developmentWebAuthn, missing: [] });
  });

  it('reads the domain, the name and comma-separated origins', () => {
    const env = {
      WEBAUTHN_RP_ID: 'Example.com',
      WEBAUTHN_RP_NAME: 'Acme',
      WEBAUTHN_ORIGINS: 'https://app.example.com, https://example.com:8443',
    };
    expect(read(env)).toEqual({
      webauthn: {
        rpId: 'example.com',
        rpName: 'Acme',
        origins: ['https://app.example.com', 'https://example.com:8443'],
      },
      missing: [],
    });
  });

  it('refuses origins outside the domain, with a path, or not http(s)', () => {
    const foreign = read({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://example.org' });
    expect(foreign.missing).toEqual([
      { variable: 'WEBAUTHN_ORIGINS', why: expect.stringContaining('not https://example.org') },
    ]);
    // A suffix that is not a parent domain is not the domain either.
    expect(
      read({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://badexample.com' }).missing,
    ).toHaveLength(1);
    for (const WEBAUTHN_ORIGINS of ['https://app.example.com/login', 'ftp://example.com', ''])
      expect(() => loadConfig(WebAuthnEnv, { WEBAUTHN_ORIGINS })).toThrow(/WEBAUTHN_ORIGINS/);
    expect(() => loadConfig(WebAuthnEnv, { WEBAUTHN_RP_ID: 'https://example.com' })).toThrow(
      /WEBAUTHN_RP_ID/,
    );
  });
});
