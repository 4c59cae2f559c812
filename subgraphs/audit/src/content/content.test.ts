import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import {
  SubjectKeyDestroyedError,
  type DataKey,
  type DestroyedKey,
  type Subject,
  type SubjectKeyStore,
} from '../../../../platform/crypto/subject-keys.ts';
import { hashAuditEvent } from '../event/audit-hash.ts';
import { PLATFORM_CHAIN_ID } from '../ingest/fan-out-id.ts';
import { Registry } from 'prom-client';
import { createContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { openContent } from './content-open.ts';
import { sealContent } from './content-seal.ts';
import { subjectsOf } from './content-subjects.ts';

/** The key store's contract in memory: enough to seal and open, and to destroy a subject's keys. */
function memoryKeyStore(): SubjectKeyStore {
  const keys = new Map<string, DataKey>();
  const destroyed = new Set<string>();
  const name = (subject: Subject) => `${subject.kind}:${subject.id}`;
  return {
    async keyFor(subject) {
      if (destroyed.has(name(subject))) throw new SubjectKeyDestroyedError(subject);
      const found = [...keys.values()].find((key) => name(key.subject) === name(subject));
      if (found) return found;
      const key = { id: randomUUID(), subject, key: randomBytes(32) };
      keys.set(key.id, key);
      return key;
    },
    async keyById(id) {
      return keys.get(id) ?? null;
    },
    async destroy(subject): Promise<DestroyedKey[]> {
      destroyed.add(name(subject));
      const gone = [...keys.values()].filter((key) => name(key.subject) === name(subject));
      for (const key of gone) keys.delete(key.id);
      return gone.map((key) => ({ id: key.id, subject, createdAt: new Date(), destroyedAt: new Date() }));
    },
  };
}

const organizationId = randomUUID();
const userId = randomUUID();
const clear = {
  actorIp: '198.51.100.7',
  actorUserAgent: 'Mozilla/5.0 canary-agent',
  metadata: { name: 'canary-project', email: 'canary@example.com' },
};
const parties = (id = randomUUID()) => ({
  id,
  organizationId,
  action: 'tenancy.project.created',
  actor: { type: 'USER', id: userId },
  target: { type: 'Project', id: randomUUID() },
});

/** A sealed event as stored: clear fields, sealed content, and its hash over the sealed form. */
async function storedEvent(store: SubjectKeyStore, id = randomUUID()) {
  const event = parties(id);
  const content = await sealContent(createContentSealer(store), event, clear);
  const stored = {
    ...event,
    sequence: 1,
    occurredAt: new Date('2026-12-08T01:00:00.000Z'),
    outcome: 'SUCCESS',
    actorType: 'USER',
    actorId: userId,
    actorDeviceType: 'DESKTOP',
    targetType: 'Project',
    targetId: event.target.id,
    previousHash: null,
    ...content,
  };
  return { ...stored, hash: hashAuditEvent(stored) };
}

const logger = pino({ level: 'silent' });
const registry = new Registry();
const opener = (store: SubjectKeyStore) => {
  const sealer = createContentSealer(store, { logger, registry });
  return (event: Parameters<typeof openContent>[1]) => openContent(sealer, event);
};
const failures = async () =>
  (await registry.getSingleMetric('steward_sealed_content_failures_total')?.get())?.values.reduce(
    (sum, value) => sum + value.value,
    0,
  ) ?? 0;

describe('audit event content sealed under its subjects’ keys', () => {
  it('stores none of the content in clear, and opens it back', async () => {
    const store = memoryKeyStore();
    const event = await storedEvent(store);
    const text = JSON.stringify(event);
    for (const value of ['198.51.100.7', 'canary-agent', 'canary-project', 'canary@example.com'])
      expect(text).not.toContain(value);
    const opened = await opener(store)(event);
    expect(opened).toEqual({ ...clear, erased: false, tampered: {} });
  });

  it('assigns each field its subjects: the person’s for where from, both for the details', () => {
    const person = { kind: 'person', id: userId };
    const organization = { kind: 'organization', id: organizationId };
    expect(subjectsOf(parties(), 'actor.ip')).toEqual([person]);
    expect(subjectsOf(parties(), 'metadata')).toEqual([organization, person]);
    const byKey = { ...parties(), actor: { type: 'API_KEY', id: randomUUID() }, target: null };
    expect(subjectsOf(byKey, 'actor.userAgent')).toEqual([organization]);
    const unknownAddress = { ...byKey, organizationId: PLATFORM_CHAIN_ID, actor: { type: 'SYSTEM' } };
    expect(subjectsOf(unknownAddress, 'metadata')).toEqual([{ kind: 'organization', id: PLATFORM_CHAIN_ID }]);
    expect(subjectsOf({ ...parties(), action: 'lifecycle.deletion.completed' }, 'metadata')).toEqual([]);
  });

  it.each([
    [
      'the organization',
      { kind: 'organization', id: organizationId },
      { actorIp: clear.actorIp, actorUserAgent: clear.actorUserAgent, metadata: null },
    ],
    ['the person', { kind: 'person', id: userId }, { actorIp: null, actorUserAgent: null, metadata: null }],
  ] as const)(
    'reads as erased once %s’s key is destroyed, its hash unchanged',
    async (_name, subject, left) => {
      const store = memoryKeyStore();
      const event = await storedEvent(store);
      await store.destroy(subject);
      expect(hashAuditEvent(event)).toBe(event.hash);
      expect(await opener(store)(event)).toEqual({ ...left, erased: true, tampered: {} });
      // Nothing new is sealed for a destroyed subject: the content is stored erased.
      const later = await storedEvent(store);
      expect(JSON.stringify(later)).not.toContain('canary');
      expect((await opener(store)(later)).erased).toBe(true);
    },
  );

  it('refuses a value moved to another event or tampered with: a counted error, never other text', async () => {
    const store = memoryKeyStore();
    const [a, b] = [await storedEvent(store), await storedEvent(store)];
    const before = await failures();
    const moved = await opener(store)({ ...b, actorIp: a.actorIp });
    expect(moved.tampered['actor.ip']).toMatchObject({
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'DATA_INTEGRITY' },
    });
    expect(moved.actorIp).toBeNull();
    expect(moved.actorUserAgent).toBe(clear.actorUserAgent);
    const sealed = String(a.metadata);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    const tampered = await opener(store)({ ...a, metadata: flipped });
    expect(tampered.tampered.metadata).toBeDefined();
    expect(tampered.metadata).toBeNull();
    expect((await failures()) - before).toBe(2);
  });
});
