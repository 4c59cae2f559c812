import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { badInput } from '../../../../platform/errors.ts';
import { isLoopbackHttp } from '../oidc/oidc-client.ts';

const MAX_ISSUER_LENGTH = 2048;

/**
 * Addresses an organization's issuer may not point Steward at: the identity subgraph fetches the
 * issuer's discovery document, keys and tokens, and an admin must not be able to make it call
 * the operator's own network (cloud metadata, databases, other services).
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
  const host = new URL(issuer).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  if (!addresses.length || addresses.some(({ address }) => isInternalAddress(address)))
    throw badInput('issuer must resolve to public addresses', 'issuer');
}
