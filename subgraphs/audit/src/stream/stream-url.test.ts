import { describe, expect, it } from '@jest/globals';
import { parseStreamUrl } from './stream-url.ts';
import { streamSignature } from './stream-signature.ts';
import { createHmac } from 'node:crypto';

describe('parseStreamUrl', () => {
  it("takes https, and plain http to loopback only under the tests' explicit allowance", async () => {
    await expect(parseStreamUrl('https://93.184.215.14/in?token=x', false)).resolves.toBe(
      'https://93.184.215.14/in?token=x',
    );
    await expect(parseStreamUrl('http://127.0.0.1:8080/hook', true)).resolves.toBe(
      'http://127.0.0.1:8080/hook',
    );
    await expect(parseStreamUrl('http://127.0.0.1:8080/hook', false)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // The allowance is loopback alone: the rest of the private networks stay refused.
    await expect(parseStreamUrl('https://10.1.2.3/hook', true)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(parseStreamUrl('http://siem.example.com/', true)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses hosts that are internal addresses', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::ffff:192.168.0.1]/hook',
    ])
      await expect(parseStreamUrl(url, false)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'url' },
      });
    await expect(parseStreamUrl('https://93.184.215.14/hook', false)).resolves.toBe(
      'https://93.184.215.14/hook',
    );
  });
});

describe('streamSignature', () => {
  it("is Stripe's scheme: t and the hex HMAC-SHA256 of `t.body`", () => {
    const body = '{"events":[]}';
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(streamSignature('whsec_test', body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
    expect(streamSignature('whsec_other', body, 1700000000)).not.toBe(`t=1700000000,v1=${expected}`);
  });
});
