import { describe, expect, it } from '@jest/globals';
import { fanOutCopyId, uuidV5 } from './fan-out-id.ts';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives each organization its own stable copy id', () => {
    const event = '0b9e2c4e-1d6f-4f6a-9a53-3f0f9a1c2b7d';
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    expect(fanOutCopyId(event, a)).toBe(fanOutCopyId(event.toUpperCase(), a));
    expect(fanOutCopyId(event, a)).not.toBe(fanOutCopyId(event, b));
    expect(fanOutCopyId(event, a)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
