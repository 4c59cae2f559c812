import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import { pinPublicAddress } from '../../../../platform/public-address.ts';
import { SIGNATURE_HEADER, streamSignature } from './stream-signature.ts';

export interface WebhookPostOptions {
  /** A receiver slower than this is a failure. */
  timeoutMs: number;
  /** Tests only: admit receivers on loopback (never set from configuration). */
  allowLoopback: boolean;
}

/**
 * POSTs a signed JSON body to a webhook and answers the status. The host is resolved once, each
 * address checked public (pinPublicAddress), and the connection made to that address alone, with
 * the URL's host as Host header and TLS server name: a DNS answer changed after the check (DNS
 * rebinding) cannot send it inside. Redirects are not followed: a 3xx is not an acknowledgement.
 */
export async function postSignedWebhook(
  target: string,
  secret: string,
  body: string,
  options: WebhookPostOptions,
): Promise<number> {
  const url = new URL(target);
  const pinned = await pinPublicAddress(url, { allowLoopback: options.allowLoopback });
  const lookup: RequestOptions['lookup'] = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) {
      const all: LookupAddress[] = [pinned];
      callback(null, all);
    } else callback(null, pinned.address, pinned.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [SIGNATURE_HEADER]: streamSignature(secret, body, Math.floor(Date.now() / 1000)),
        },
        lookup,
        // A fresh connection per delivery: a pooled one may have been opened to another address.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
