import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The accounts the provider knows, by subject (the login typed into its sign-in form). */
  accounts: Map<string, TestAccount>;
  /**
   * Plays the browser: follows `authorizationUrl`, signs in as `login` on the provider's
   * development login form, consents, and returns the URL the provider redirects back to.
   */
  authorize(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
}

/** A real OpenID provider (oidc-provider) on a free loopback port, over plain http. */
export async function startOidcProvider(options: { redirectUri: string }): Promise<LocalOidcProvider> {
  let handle = (_req: IncomingMessage, res: ServerResponse): void => void res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'steward-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestAccount>();

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = quietly(
    () =>
      new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [options.redirectUri],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
        ttl: {
          Interaction: 600,
          Session: 600,
          Grant: 600,
          AuthorizationCode: 60,
          AccessToken: 600,
          IdToken: 600,
        },
        findAccount: async (_ctx, sub) => {
          const account = accounts.get(sub);
          return account && { accountId: sub, claims: () => ({ sub, ...account }) };
        },
      }),
  );
  handle = provider.callback();

  const authorize = async (authorizationUrl: string, login: string): Promise<string> => {
    const cookies = new Map<string, string>();
    let url = authorizationUrl;
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 12; hop++) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        body: form,
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0]!;
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        if (value) cookies.set(name, value);
        else cookies.delete(name);
      }
      const location = response.headers.get('location');
      if (location) {
        await response.body?.cancel();
        url = new URL(location, url).href;
        form = undefined;
        if (url.startsWith(options.redirectUri)) return url;
        continue;
      }
      // A development interaction page: sign in (any password), then consent.
      const html = await response.text();
      const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (response.status !== 200 || !action || !prompt)
        throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url).href;
      form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    }
    throw new Error('too many redirects at the provider');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    authorize,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/**
 * oidc-provider warns at start that its in-memory store and its login pages are for development
 * only: exactly what a test wants, and not worth a screen of jest output per run.
 */
function quietly<T>(create: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return create();
  } finally {
    console.warn = warn;
  }
}
