import { ErrorCode, badInput, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions, OidcProviderConfig } from '../options.ts';
import { completeSignIn, recordFailedSignIn, type SignInMethod } from '../sign-in/complete-sign-in.ts';
import { parseEmail } from '../user/email.ts';
import { findOrCreateUser } from '../user/user.repository.ts';
import { sealedDisplayName } from '../user/display-name.ts';
import type { OidcClients, OidcIdentity } from './oidc-client.ts';
import { consumeFlow, createFlow, markFlowConsumed } from './oidc-flow.repository.ts';

const MAX_URL_LENGTH = 4096;

// One answer for every refusal: a client learns nothing about which check failed.
const invalidSignIn = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid sign-in');

/**
 * An absolute http(s) URL with no credentials, query or fragment, normalized; null otherwise.
 * (openid-client rebuilds redirect_uri from the callback URL minus its query, so a redirect URI
 * with a query could never complete.)
 */
export function parseRedirectUri(input: string): string | null {
  const url = URL.parse(input.length <= MAX_URL_LENGTH ? input : '');
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  if (url.username || url.password || url.search || url.hash || input.includes('#')) return null;
  url.search = '';
  return url.href;
}

export async function startOidcSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  clients: OidcClients,
  input: { provider: string; redirectUri: string },
) {
  const provider = clients.find(input.provider);
  if (!provider) throw badInput('Unknown OIDC provider', 'provider');
  const redirectUri = parseRedirectUri(input.redirectUri);
  if (!redirectUri) throw badInput('redirectUri must be an absolute http(s) URL', 'redirectUri');
  const request = await clients.authorizationRequest(provider, redirectUri);
  await createFlow(ctx.em, { ...request, provider: provider.id, redirectUri, now: options.now() });
  return { authorizationUrl: request.url.href, state: request.state };
}

export async function completeOidcSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  clients: OidcClients,
  input: { provider: string; callbackUrl: string },
) {
  const provider = clients.find(input.provider);
  if (!provider) throw badInput('Unknown OIDC provider', 'provider');
  const { email, name } = await identityFromCallback(ctx, options, clients, provider, {
    flowProvider: provider.id,
    callbackUrl: input.callbackUrl,
    method: 'OIDC',
  });
  const user = await findOrCreateUser(ctx.em, email, sealedDisplayName(ctx.sealer, name));
  return completeSignIn(ctx, options, { user, method: 'OIDC' });
}

/**
 * Completes the flow a callback URL belongs to: its state names a live flow of `flowProvider`
 * (spent, even when what follows fails), the provider's code is exchanged with PKCE and nonce
 * checked, and the identity must carry a verified email that `acceptEmail` accepts. Every refusal
 * is recorded as a failed attempt of `method` and answers the same UNAUTHENTICATED.
 */
export async function identityFromCallback(
  ctx: IdentityContext,
  options: IdentityOptions,
  clients: OidcClients,
  provider: OidcProviderConfig,
  input: {
    flowProvider: string;
    callbackUrl: string;
    method: SignInMethod;
    acceptEmail?: (email: string) => Promise<boolean>;
  },
): Promise<{ email: string; name: string | null }> {
  const callback = URL.parse(input.callbackUrl.length <= MAX_URL_LENGTH ? input.callbackUrl : '');
  const state = callback?.searchParams.get('state');
  if (!callback || !state) throw invalidSignIn();
  const now = options.now();
  const flow = await consumeFlow(ctx.em, { provider: input.flowProvider, state, now });
  if (!flow) throw invalidSignIn();

  let identity: OidcIdentity | null = null;
  let email: string | null = null;
  try {
    if (!sameEndpoint(callback, flow.redirectUri)) throw new Error('callback URL is not the redirect URI');
    identity = await clients.identityFromCallback(provider, callback, {
      state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
    });
    email = identity.email ? parseEmail(identity.email) : null;
    if (!email) throw new Error('no usable email claim');
    if (!identity.emailVerified) throw new Error('email not verified by the provider');
    if (input.acceptEmail && !(await input.acceptEmail(email)))
      throw new Error('email outside the provider’s domains');
  } catch (error) {
    ctx.logger.warn({ err: error, provider: input.flowProvider }, 'OIDC sign-in refused');
    await recordFailedSignIn(ctx, options, {
      // Empty when the provider never told us who it was.
      email: email ?? '',
      // An unverified email is a claim, not an identity: the attempt is not its owner's.
      userId: null,
      method: input.method,
      outcome: 'FAILURE',
      // The request's transaction rolls back; the state must stay spent all the same.
      alsoCommit: (em) => markFlowConsumed(em, flow.id, now),
    });
    throw invalidSignIn();
  }
  return { email, name: identity.name };
}

/** The provider sent the browser back where this flow asked it to. */
function sameEndpoint(callback: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return callback.origin === expected.origin && callback.pathname === expected.pathname;
}
