import { badInput } from '../../../../platform/errors.ts';
import { isLoopbackHttp } from '../oidc/oidc-client.ts';
import { resolvesToPublicAddresses } from '../../../../platform/public-address.ts';

const MAX_ISSUER_LENGTH = 2048;

export { isInternalAddress } from '../../../../platform/public-address.ts';

/**
 * The issuer as given by an admin: an https URL without credentials, query or fragment; plain
 * http only for a provider on this machine outside production (development, tests).
 */
export function parseIssuer(input: string, production: boolean): string {
  const url = URL.parse(input.length <= MAX_ISSUER_LENGTH ? input.trim() : '');
  const plainLoopback = url && !production && isLoopbackHttp(url);
  if (
    !url ||
    (url.protocol !== 'https:' && !plainLoopback) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  )
    throw badInput('issuer must be an https URL without credentials, query or fragment', 'issuer');
  return url.href.replace(/\/$/, '');
}

/**
 * In production the issuer's host must resolve to public addresses only (checked when it is set
 * and again before every sign-in, since DNS can change).
 */
export async function assertPublicIssuer(issuer: string, production: boolean): Promise<void> {
  if (!production) return;
  if (!(await resolvesToPublicAddresses(issuer)))
    throw badInput('issuer must resolve to public addresses', 'issuer');
}
