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
  ['fec0::', 10],
  ['ff00::', 8],
  // NAT64 for local use (RFC 8215) and Teredo: what they lead to is not visible in the address.
  ['64:ff9b:1::', 48],
  ['2001::', 32],
] as const)
  internal.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad split in two). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const dottedQuad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 address an IPv6 address carries and is routed to, or null: IPv4-compatible (::a.b.c.d),
 * IPv4-mapped and -translated (::ffff:a.b.c.d, ::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d, which a
 * NAT64 gateway forwards to a.b.c.d) and 6to4 (2002:aabb:ccdd::). `[::10.0.0.1]` is the operator's
 * network as much as 10.0.0.1 is.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) return dottedQuad(g[6]!, g[7]!);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return dottedQuad(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return dottedQuad(g[6]!, g[7]!);
  if (g[0] === 0x2002) return dottedQuad(g[1]!, g[2]!);
  return null;
}

export function isInternalAddress(address: string): boolean {
  if (isIP(address) !== 6) return internal.check(address, 'ipv4');
  if (internal.check(address, 'ipv6')) return true;
  const carried = embeddedIpv4(address);
  return carried !== null && internal.check(carried, 'ipv4');
}

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
