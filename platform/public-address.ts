import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses an organization's admin may not point Steward at (an SSO issuer it fetches, an audit
 * stream it posts to): the operator's own network (cloud metadata, databases, other services).
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(network, prefix, 'ipv6');

// (BlockList matches IPv4-mapped IPv6 addresses, ::ffff:10.0.0.1, against the IPv4 subnets itself.)
export const isInternalAddress = (address: string) =>
  internal.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http to this machine: allowed outside production only (development, tests). */
export const isLoopbackHttpUrl = (url: URL) => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);

/**
 * Whether the URL's host resolves to public addresses only (none unresolvable, none internal).
 * Checked when an admin sets the URL and again before each use, since DNS can change.
 */
export async function resolvesToPublicAddresses(url: string): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  return addresses.length > 0 && !addresses.some(({ address }) => isInternalAddress(address));
}

/** An address a webhook may be sent to, fixed once per delivery. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** The loopback networks (127.0.0.0/8, ::1), the only internal addresses a test may allow. */
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
const isLoopbackAddress = (address: string) => loopback.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Resolves a webhook's host once and answers the address to connect to, or throws when any address
 * it resolves to is internal (DNS rebinding: a name checked public when configured may point inside
 * later). `allowLoopback` admits 127.0.0.0/8 and ::1 and nothing else: for tests' receivers only,
 * never set from configuration.
 */
export async function pinPublicAddress(
  url: URL,
  options: { allowLoopback?: boolean } = {},
): Promise<PinnedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  const addresses = family
    ? [{ address: host, family }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  const refused = addresses.find(
    ({ address }) => isInternalAddress(address) && !(options.allowLoopback && isLoopbackAddress(address)),
  );
  if (refused) throw new Error(`${host} resolves to an internal address (${refused.address}): refused`);
  const [first] = addresses;
  return { address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
