import { describe, expect, it } from '@jest/globals';
import { hashAuditEvent, type ChainedAuditEvent } from './audit-hash.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const event: ChainedAuditEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  sequence: 2,
  occurredAt: new Date('2026-11-22T10:00:00.000Z'),
  action: 'session.revoke',
  outcome: 'SUCCESS',
  actorType: 'USER',
  actorId: 'u1',
  actorIp: '192.0.2.1',
  actorUserAgent: 'test',
  actorDeviceType: 'DESKTOP',
  targetType: 'Session',
  targetId: 's1',
  metadata: { reason: 'lost laptop' },
  previousHash: 'a'.repeat(64),
};

describe('hashAuditEvent', () => {
  it('is a stable SHA-256 hex digest', () => {
    expect(hashAuditEvent(event)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEvent({ ...event, metadata: { reason: 'lost laptop' } })).toBe(hashAuditEvent(event));
  });

  it('changes with any covered field, the previous hash included', () => {
    const base = hashAuditEvent(event);
    expect(hashAuditEvent({ ...event, previousHash: 'b'.repeat(64) })).not.toBe(base);
    expect(hashAuditEvent({ ...event, outcome: 'DENIED' })).not.toBe(base);
    expect(hashAuditEvent({ ...event, actorIp: null })).not.toBe(base);
    expect(hashAuditEvent({ ...event, metadata: { reason: 'lost laptop ' } })).not.toBe(base);
  });
});

describe('cursors', () => {
  it('round-trip a sequence and refuse anything else as BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    for (const bad of ['', 'not a cursor!', Buffer.from('seq:0').toString('base64url'), 'x'.repeat(100)]) {
      expect(() => decodeCursor(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
      );
    }
  });
});
