import { Resolver } from 'node:dns/promises';
import { randomBytes } from 'node:crypto';

/** The TXT record an organization publishes to prove it holds a domain. */
export const verificationRecordName = (domain: string) => `_steward-verification.${domain}`;
export const verificationRecordValue = (token: string) => `steward-verification=${token}`;
export const newVerificationToken = () => randomBytes(24).toString('base64url');

/** How long one DNS question may take before the verification answers "not found (yet)". */
const DNS_TIMEOUT_MS = 5000;

export type TxtLookup = (name: string) => Promise<string[]>;

/**
 * TXT records through the system's resolver, or through `servers` (`STEWARD_DNS_SERVERS`: a
 * split-horizon resolver, or the test's own DNS server). A name that does not exist, or a
 * resolver that does not answer, yields no records: the domain stays unverified.
 */
export function txtLookup(servers: readonly string[]): TxtLookup {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
  if (servers.length) resolver.setServers([...servers]);
  return async (name) => {
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch {
      return [];
    }
  };
}

/** Whether the domain's verification record carries this token. */
export async function domainProven(lookup: TxtLookup, domain: string, token: string): Promise<boolean> {
  const records = await lookup(verificationRecordName(domain));
  return records.includes(verificationRecordValue(token));
}
