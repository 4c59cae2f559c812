import { badInput } from '../../../../platform/errors.ts';
import { isLoopbackHttpUrl, pinPublicAddress } from '../../../../platform/public-address.ts';

const MAX_URL_LENGTH = 2048;

/**
 * A stream's URL as given by an admin: https without credentials or fragment (a query is kept:
 * some collectors take their token there), its host resolving to public addresses (checked again,
 * and pinned, at each delivery: webhook-post.ts). `allowLoopback` is the tests' allowance for a
 * receiver on this machine (plain http to loopback, loopback addresses): never from configuration.
 */
export async function parseStreamUrl(input: string, allowLoopback: boolean): Promise<string> {
  const url = URL.parse(input.length <= MAX_URL_LENGTH ? input.trim() : '');
  const plainLoopback = url && allowLoopback && isLoopbackHttpUrl(url);
  if (!url || (url.protocol !== 'https:' && !plainLoopback) || url.username || url.password || url.hash)
    throw badInput('url must be an https URL without credentials or fragment', 'url');
  try {
    await pinPublicAddress(url, { allowLoopback });
  } catch {
    throw badInput('url must resolve to public addresses', 'url');
  }
  return url.href;
}
