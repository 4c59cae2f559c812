import { describe, expect, it } from '@jest/globals';
import { createOidcClients, isLoopbackHttp } from './oidc-client.ts';
import { parseRedirectUri } from './oidc-sign-in.ts';

const provider = (issuer: string) => ({ id: 'p', name: 'P', issuer, clientId: 'c' });

describe('plain http issuers', () => {
  it.each(['http://127.0.0.1:4444', 'http://localhost/realms/x', 'http://[::1]:8080'])(
    'are allowed on loopback (%s)',
    (issuer) => {
      expect(isLoopbackHttp(new URL(issuer))).toBe(true);
      expect(() => createOidcClients([provider(issuer)])).not.toThrow();
    },
  );

  it.each(['http://idp.example.com', 'http://10.0.0.5', 'http://localhost.example.com'])(
    'are refused anywhere else, at start (%s)',
    (issuer) => {
      expect(isLoopbackHttp(new URL(issuer))).toBe(false);
      expect(() => createOidcClients([provider(issuer)])).toThrow(/must be https/);
    },
  );

  it('https issuers need no exception', () => {
    expect(() => createOidcClients([provider('https://accounts.google.com')])).not.toThrow();
  });
});

describe('parseRedirectUri', () => {
  it('normalizes an absolute http(s) URL', () => {
    expect(parseRedirectUri('https://App.Steward.test/oidc/callback?')).toBe(
      'https://app.steward.test/oidc/callback',
    );
    expect(parseRedirectUri('http://localhost:3000/cb')).toBe('http://localhost:3000/cb');
  });

  it.each(['', 'cb', '//app.test/cb', 'data:text/html,x', 'https://app.test/cb?a=1', 'https://app.test/cb#'])(
    'refuses %j',
    (input) => expect(parseRedirectUri(input)).toBeNull(),
  );
});
