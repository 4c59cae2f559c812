import * as client from 'openid-client';
import type { OidcProviderConfig } from '../options.ts';

const SCOPE = 'openid email profile';
/** Seconds allowed for each request to a provider (discovery, token, UserInfo, keys). */
const PROVIDER_TIMEOUT_S = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http only for an issuer on this machine: a provider a test or a developer started. */
export function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
}

/** What a flow must remember between the redirect to the provider and the way back. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The identity a provider asserted, with its checks left to the caller. */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface OidcClients {
  find(id: string): OidcProviderConfig | undefined;
  authorizationRequest(provider: OidcProviderConfig, redirectUri: string): Promise<AuthorizationRequest>;
  /** Exchanges the code in `callbackUrl`, checking state, nonce, PKCE, issuer and the ID token. */
  identityFromCallback(
    provider: OidcProviderConfig,
    callbackUrl: URL,
    expected: Omit<AuthorizationRequest, 'url'>,
  ): Promise<OidcIdentity>;
}

/**
 * The configured providers as openid-client Configurations, discovered on first use and kept
 * for the life of the process (a failed discovery is retried on the next use).
 */
export function createOidcClients(providers: readonly OidcProviderConfig[]): OidcClients {
  for (const provider of providers) {
    const issuer = new URL(provider.issuer);
    if (issuer.protocol !== 'https:' && !isLoopbackHttp(issuer))
      throw new Error(`OIDC provider ${provider.id}: the issuer must be https (plain http only on loopback)`);
  }
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const discovered = new Map<string, Promise<client.Configuration>>();

  const configuration = (provider: OidcProviderConfig) => {
    let pending = discovered.get(provider.id);
    if (!pending) {
      pending = discover(provider);
      pending.catch(() => discovered.delete(provider.id));
      discovered.set(provider.id, pending);
    }
    return pending;
  };

  return {
    find: (id) => byId.get(id),
    async authorizationRequest(provider, redirectUri) {
      const config = await configuration(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, state, nonce, codeVerifier };
    },
    async identityFromCallback(provider, callbackUrl, expected) {
      const config = await configuration(provider);
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token in the token response');
      // Providers may keep scope claims out of the ID token (oidc-provider does by default):
      // then ask UserInfo, which checks that it answers for the same subject.
      const claims: Readonly<Record<string, unknown>> =
        typeof idToken.email === 'string'
          ? idToken
          : await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
      return identityOf(idToken.sub, claims);
    },
  };
}

function discover(provider: OidcProviderConfig): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  return client.discovery(
    issuer,
    provider.clientId,
    provider.clientSecret,
    // client_secret_basic is the OpenID Connect default; without a secret, a public client (PKCE only).
    provider.clientSecret ? client.ClientSecretBasic(provider.clientSecret) : client.None(),
    {
      timeout: PROVIDER_TIMEOUT_S,
      execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [],
    },
  );
}

function identityOf(subject: string, claims: Readonly<Record<string, unknown>>): OidcIdentity {
  const { email, email_verified: verified, name } = claims;
  return {
    subject,
    email: typeof email === 'string' ? email : null,
    // An absent claim is not a denial (Microsoft Entra sends none); some providers send strings.
    emailVerified: verified !== false && verified !== 'false',
    name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : null,
  };
}
