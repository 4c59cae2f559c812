import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pinPublicAddress } from '../../../../platform/public-address.ts';
import { postSignedWebhook } from './webhook-post.ts';

// Delivery pins the address it checked: resolved once, every address public (or, under the tests'
// explicit allowance, loopback and nothing else), connected to that address with the URL's host
// as Host header. A name that resolves inside is refused at delivery, whatever it was when set.

const received: IncomingHttpHeaders[] = [];
const server = createServer((request, response) => {
  received.push(request.headers);
  request.resume();
  request.on('end', () => response.writeHead(204).end());
});
let port = 0;

beforeAll(async () => {
  // Where delivery will connect for `localhost`: its first address (::1 on some machines).
  const { address } = await lookup('localhost', { verbatim: true });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const options = { timeoutMs: 5000, allowLoopback: false };

describe('postSignedWebhook', () => {
  it('refuses, at delivery, a name resolving to an internal address, and sends nothing', async () => {
    // localhost: a name, resolved at delivery to loopback.
    await expect(postSignedWebhook(`http://localhost:${port}/hook`, 's', '{}', options)).rejects.toThrow(
      /internal address/,
    );
    await expect(postSignedWebhook(`http://[::1]:${port}/hook`, 's', '{}', options)).rejects.toThrow(
      /internal address/,
    );
    expect(received).toEqual([]);
  });

  it("connects to the pinned address with the name's Host header, under the loopback allowance", async () => {
    const status = await postSignedWebhook(`http://localhost:${port}/hook`, 'whsec_x', '{"events":[]}', {
      ...options,
      allowLoopback: true,
    });
    expect(status).toBe(204);
    expect(received[0]).toMatchObject({
      host: `localhost:${port}`,
      'steward-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
  });
});

describe('pinPublicAddress', () => {
  it('admits loopback alone under the allowance: private, link-local and metadata addresses stay refused', async () => {
    for (const host of ['10.0.0.1', '169.254.169.254', '192.168.1.1', '[fe80::1]', '[::ffff:10.0.0.1]'])
      await expect(pinPublicAddress(new URL(`https://${host}/`), { allowLoopback: true })).rejects.toThrow(
        /internal address/,
      );
    await expect(pinPublicAddress(new URL('https://127.0.0.1/'), { allowLoopback: true })).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(pinPublicAddress(new URL('https://93.184.215.14/'))).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
  });
});
