import { describe, expect, it } from '@jest/globals';
import { PUBLIC_DOWNLOAD_PATH } from '../../../../contracts/data-export-download.ts';
import { createDownloadLinkSigner } from './download-link.ts';

const signer = createDownloadLinkSigner('secret', 60);
const paramsOf = (link: string) => new URL(link, 'http://gateway').searchParams;

describe('download links', () => {
  it('verify until they expire', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const link = signer.sign('e1', now);
    expect(link.startsWith(`${PUBLIC_DOWNLOAD_PATH}?`)).toBe(true);
    expect(signer.verify(paramsOf(link), now)).toBe('e1');
    expect(signer.verify(paramsOf(link), new Date(now.getTime() + 61_000))).toBeNull();
  });

  it('fail with another id, expiry or secret', () => {
    const link = signer.sign('e1');
    expect(signer.verify(paramsOf(link.replace('export=e1', 'export=e2')))).toBeNull();
    expect(
      signer.verify(paramsOf(link.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 1}`))),
    ).toBeNull();
    expect(createDownloadLinkSigner('other', 60).verify(paramsOf(link))).toBeNull();
  });
});
