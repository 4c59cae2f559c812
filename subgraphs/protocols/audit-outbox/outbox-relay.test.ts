import { describe, expect, it } from '@jest/globals';
import { AUDIT_LIMITS, boundOutboxEvent, type OutboxEvent } from './audit-outbox.ts';
import { chunkDeliveries, type AuditDelivery } from './outbox-relay.ts';

const hostile: OutboxEvent = {
  action: 'identity.sign_in.failed',
  outcome: 'FAILURE',
  organizationId: null,
  actor: {
    type: 'USER',
    id: null,
    ip: '192.0.2.1',
    userAgent: `\u001b[2J${'x'.repeat(1_000_000)}`,
    deviceType: 'a\u0000b',
  },
  target: { type: 'User', id: 'u\ud800' },
  metadata: {
    text: 'y'.repeat(5000),
    list: Array.from({ length: 300 }, (_, i) => i),
    deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: 'too deep' } } } } } } } } },
    at: new Date('2026-01-02T03:04:05.000Z'),
  },
};

describe('boundOutboxEvent', () => {
  const bounded = boundOutboxEvent(hostile);

  it('bounds every actor-controlled string and keeps it storable', () => {
    expect(bounded.actor.userAgent!.length).toBeLessThanOrEqual(AUDIT_LIMITS.userAgent);
    expect(bounded.actor.userAgent).toMatch(/^\u001b\[2Jx+…\[cut from 1000004\]$/);
    expect(bounded.actor.deviceType).toBe('a\uFFFDb');
    expect(bounded.target).toEqual({ type: 'User', id: 'u\uFFFD' });
    const metadata = bounded.metadata as Record<string, unknown>;
    expect((metadata.text as string).length).toBe(AUDIT_LIMITS.metadataText);
    expect(metadata.list).toHaveLength(AUDIT_LIMITS.metadataItems);
    expect((metadata.list as unknown[]).at(-1)).toBe('…[201 more items]');
    expect(metadata.at).toBe('2026-01-02T03:04:05.000Z');
    expect(JSON.stringify(metadata)).toContain('[nested too deep]');
  });

  it('is idempotent, so the relay and the audit subgraph may both apply it', () => {
    expect(boundOutboxEvent(bounded)).toEqual(bounded);
  });

  it('keeps only the size of metadata too large as a whole', () => {
    const wide = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`k${i}`, 'z'.repeat(1000)]));
    expect(boundOutboxEvent({ ...hostile, metadata: wide }).metadata).toEqual({
      truncated: true,
      size: expect.any(Number),
    });
  });
});

describe('chunkDeliveries', () => {
  const delivery = (n: number): AuditDelivery => ({
    ...boundOutboxEvent(hostile),
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurredAt: '2026-01-01T00:00:00.000Z',
  });

  it('splits a batch into requests under the size limit, in order, one event at least', () => {
    const deliveries = Array.from({ length: 10 }, (_, n) => delivery(n));
    const size = Buffer.byteLength(JSON.stringify(deliveries[0]));
    const chunks = [...chunkDeliveries(deliveries, size * 3 + 10)];
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.flat()).toEqual(deliveries);
    expect([...chunkDeliveries(deliveries, 1)].map((c) => c.length)).toEqual(Array(10).fill(1));
  });
});
