import { badInput, ErrorCode, stewardError } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import type { IdentityContext } from '../context.ts';
import { createOidcClients } from '../oidc/oidc-client.ts';
import { createFlow } from '../oidc/oidc-flow.repository.ts';
import { identityFromCallback, parseRedirectUri } from '../oidc/oidc-sign-in.ts';
import type { IdentityOptions, OidcProviderConfig } from '../options.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { parseEmail } from '../user/email.ts';
import { findOrCreateUser } from '../user/user.repository.ts';
import { sealedDisplayName } from '../user/display-name.ts';
import {
  clientSecretContext,
  ssoForDomain,
  ssoOfOrganization,
  type SsoForDomain,
} from './organization-sso.repository.ts';
import { assertPublicIssuer } from './sso-issuer.ts';

/** A flow's provider name: which organization's provider it went to. */
const flowProviderOf = (organizationId: string) => `organization:${organizationId}`;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

async function providerOf(options: IdentityOptions, sso: SsoForDomain): Promise<OidcProviderConfig> {
  await assertPublicIssuer(sso.issuer, options.production);
  const secret = sso.clientSecretSealed
    ? (
        await options.keyEncryptionKey.unwrap(sso.clientSecretSealed, clientSecretContext(sso.organizationId))
      ).toString('utf8')
    : undefined;
  return {
    id: flowProviderOf(sso.organizationId),
    name: sso.organizationId,
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: secret,
  };
}

/**
 * Starts single sign-on for an address whose domain an organization verified: the browser goes to
 * that organization's provider. An address no organization signs in is told so (BAD_USER_INPUT,
 * reason SSO_NOT_CONFIGURED): which domains use single sign-on is public, as in any SaaS.
 */
export async function startSsoSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { email: string; redirectUri: string },
) {
  const email = parseEmail(input.email);
  if (!email) throw badInput('Invalid email address', 'email');
  const redirectUri = parseRedirectUri(input.redirectUri);
  if (!redirectUri) throw badInput('redirectUri must be an absolute http(s) URL', 'redirectUri');
  const sso = await ssoForDomain(ctx.em, domainOf(email));
  if (!sso) {
    throw stewardError(ErrorCode.BAD_USER_INPUT, 'No single sign-on for this address', {
      field: 'email',
      reason: 'SSO_NOT_CONFIGURED',
    });
  }
  const provider = await providerOf(options, sso);
  const request = await createOidcClients([provider]).authorizationRequest(provider, redirectUri);
  await createFlow(ctx.em, { ...request, provider: provider.id, redirectUri, now: options.now() });
  return { authorizationUrl: request.url.href, state: request.state, organizationId: sso.organizationId };
}

/**
 * Completes it: the provider's verified email must still be of a domain this organization holds
 * verified (a provider cannot sign in someone of another organization's, or a public, domain).
 */
export async function completeSsoSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  input: { organizationId: string; callbackUrl: string },
) {
  const invalid = () => stewardError(ErrorCode.UNAUTHENTICATED, 'Invalid sign-in');
  if (!isId(input.organizationId)) throw invalid();
  // The browser comes back anonymous: the organization's provider is read across tenants, as at the start.
  const sso = await ssoOfOrganization(ctx.em, input.organizationId);
  if (!sso) throw invalid();
  const provider = await providerOf(options, sso);
  const { email, name } = await identityFromCallback(ctx, options, createOidcClients([provider]), provider, {
    flowProvider: provider.id,
    callbackUrl: input.callbackUrl,
    method: 'SSO',
    acceptEmail: async (candidate) =>
      (await ssoForDomain(ctx.em, domainOf(candidate)))?.organizationId === input.organizationId,
  });
  const user = await findOrCreateUser(ctx.em, email, sealedDisplayName(ctx.sealer, name));
  return completeSignIn(ctx, options, { user, method: 'SSO' });
}
