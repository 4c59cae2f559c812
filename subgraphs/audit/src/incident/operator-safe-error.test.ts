import { describe, expect, it } from '@jest/globals';
import { withoutTenantDetail } from './operator-safe-error.ts';

describe('a notice failure as an operator reads it', () => {
  it.each([
    [
      '550 5.1.1 <bob@acme.com>: Recipient address rejected',
      '550 5.1.1 <[address]>: Recipient address rejected',
    ],
    ['connect ECONNREFUSED 10.0.0.3:443', 'connect ECONNREFUSED [host]'],
    ['connect ECONNREFUSED [fd00::1]:443', 'connect ECONNREFUSED [host]'],
    ['getaddrinfo ENOTFOUND siem.acme-corp.com', 'getaddrinfo ENOTFOUND [host]'],
    ['request to https://siem.acme.io/hook?token=x failed', 'request to [url] failed'],
  ])('blanks what %s quotes', (reason, expected) => expect(withoutTenantDetail(reason)).toBe(expected));

  it.each(['the receiver answered 500', 'fetch failed: ETIMEDOUT', '421 4.7.0 Try again later'])(
    'keeps %s as it is',
    (reason) => expect(withoutTenantDetail(reason)).toBe(reason),
  );
});
