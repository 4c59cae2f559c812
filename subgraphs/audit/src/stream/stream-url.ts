import { badInput } from '../../../../platform/errors.ts';
import { isLoopbackHttpUrl, resolvesToPublicAddresses } from '../../../../platform/public-address.ts';

const MAX_URL_LENGTH = 2048;

/**
 * A stream's URL as given by an admin: https without credentials or fragment (a query is kept:
 * some collectors take their token there); plain http only to this machine outside production.
 * In production the host must resolve to public addresses (checked again before each delivery).
 */
export async function parseStreamUrl(input: string, production: boolean): Promise<string> {
  const url = URL.parse(input.length <= MAX_URL_LENGTH ? input.trim() : '');
  const plainLoopback = url && !production && isLoopbackHttpUrl(url);
  if (!url || (url.protocol !== 'https:' && !plainLoopback) || url.username || url.password || url.hash)
    throw badInput('url must be an https URL without credentials or fragment', 'url');
  if (production && !(await resolvesToPublicAddresses(url.href)))
    throw badInput('url must resolve to public addresses', 'url');
  return url.href;
}
