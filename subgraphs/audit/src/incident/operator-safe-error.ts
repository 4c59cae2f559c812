import { isIP } from 'node:net';

// Operators see an organization's ids, names and counts, never its data. A notice's failure is
// told by a mail server or the organization's own receiver, and their words quote that data: an
// SMTP refusal names the admin's address, a connection error the host or address of the
// organization's SIEM. The operator reads the kind of failure with those words blanked out.

const WORD = /[^\s<>"'(),;]+/g;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*[a-z]$/i;

function blanked(word: string): string {
  const core = word.replace(/[.:]+$/, '');
  const rest = word.slice(core.length);
  if (core.includes('@')) return `[address]${rest}`;
  if (core.includes('://')) return `[url]${rest}`;
  // A host or address with its port: `10.0.0.3:443`, `[fd00::1]:443`, `siem.example.com:443`.
  const bare = core.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1');
  if (isIP(bare) || isIP(core) || HOST.test(bare)) return `[host]${rest}`;
  return word;
}

/** A delivery failure's reason without the addresses, hosts and URLs it quoted. */
export const withoutTenantDetail = (reason: string): string => reason.replace(WORD, blanked);
