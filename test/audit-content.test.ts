import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { Principal } from '../platform/principal.ts';
import { verifyAuditExport } from '../subgraphs/audit/src/log-export/verify-export.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  AUDIT_CHAIN,
  AUDIT_EVENTS_PAGE,
  type AuditEventNode,
  INGEST,
  auditExportOf,
  adminPrincipal,
  adminWithOrganization,
  callSubgraph,
  waitFor,
  type ChainResult,
} from './support/audit-helpers.ts';
import { codeOf, join } from './support/tenancy-fixtures.ts';
import { scrape, seriesSum } from './support/metrics.ts';
import { testEnvironment } from './support/test-env.ts';
import { testKeyStore, type TestKeyStore } from './support/subject-keys.ts';

// Audit events' personal and customer content (where from, and the details) is sealed under its
// subjects' data keys before the event is hashed: stored unreadable, read in clear by those who
// may read the log, erased when a subject's key is destroyed, while the chain still verifies.

let stack: TestStack;
let db: pg.Client;
let keys: TestKeyStore;
const logLines: string[] = [];

const EVENTS = AUDIT_EVENTS_PAGE;

type EventNode = AuditEventNode;

interface EventsResult {
  data?: { auditEvents: { edges: { node: EventNode }[] } } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

const eventsOf = async (organizationId: string, token: string) =>
  (await stack.graphql(EVENTS, { organizationId }, token)) as EventsResult;

/** Delivers events as identity's outbox relay does: `canary` in where from and in the details. */
async function deliver(organizationId: string, userId: string, canary: string, count = 3) {
  const events = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    organizationId,
    action: 'test.content.recorded',
    outcome: i === 1 ? 'DENIED' : 'SUCCESS',
    actor: {
      type: 'USER',
      id: userId,
      ip: '198.51.100.77',
      userAgent: `agent ${canary}`,
      deviceType: 'DESKTOP',
    },
    target: { type: 'Project', id: randomUUID() },
    metadata: { name: `project ${canary}`, email: `${canary}@example.com`, i },
  }));
  const result = await callSubgraph<{ ingestAuditEvents: number }>(
    stack,
    'audit',
    { kind: 'system', service: 'identity' },
    INGEST,
    { events },
  );
  expect(result.errors).toBeUndefined();
  return events;
}

const exportOf = (principal: Principal, params: Record<string, string>) =>
  auditExportOf(stack, principal, params);

/** Waits for tenancy's relay to deliver the organization's creation (its name in the details). */
const createdEventOf = (organizationId: string) =>
  waitFor(async () => {
    const { rows } = await db.query(
      `select 1 from audit.events where organization_id = $1 and action = 'tenancy.organization.created'`,
      [organizationId],
    );
    return rows.length > 0 || undefined;
  }, 'organization created event');

const chainOf = async (organizationId: string, token: string) =>
  (await stack.graphql<ChainResult>(AUDIT_CHAIN, { organizationId }, token)).data!.auditChain;

beforeAll(async () => {
  // Keys leave a process's memory at once, so a destruction here is seen by the stack's next read.
  stack = await startTestStack({ logLines, keyCacheMs: 0 });
  db = await adminClient();
  keys = testKeyStore(testEnvironment().databaseUrl);
});
afterAll(async () => {
  await db?.end();
  await keys?.close();
  await stack?.close();
});

describe('audit event content', () => {
  let admin: Awaited<ReturnType<typeof adminWithOrganization>>;
  const canary = `canary${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    admin = await adminWithOrganization(stack, uniqueEmail('content'), `Org ${canary}`);
    await deliver(admin.organizationId, admin.userId, canary);
    await createdEventOf(admin.organizationId);
  });

  it('is stored sealed, the hash over the sealed form, and read in clear by the admin', async () => {
    const { rows } = await db.query<{ row: string }>(
      'select e::text as row from audit.events e where organization_id = $1',
      [admin.organizationId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const { row } of rows) {
      expect(row).not.toContain(canary);
      expect(row).not.toContain('198.51.100.77');
    }
    const result = await eventsOf(admin.organizationId, admin.token);
    expect(result.errors).toBeUndefined();
    const recorded = result
      .data!.auditEvents.edges.map((e) => e.node)
      .filter((n) => n.action === 'test.content.recorded');
    expect(recorded).toHaveLength(3);
    for (const node of recorded) {
      expect(node).toMatchObject({
        erased: false,
        actor: {
          type: 'USER',
          id: admin.userId,
          ip: '198.51.100.77',
          userAgent: `agent ${canary}`,
          deviceType: 'DESKTOP',
        },
        metadata: { name: `project ${canary}`, email: `${canary}@example.com` },
      });
    }
    const created = result.data!.auditEvents.edges.find(
      (e) => e.node.action === 'tenancy.organization.created',
    );
    expect(created?.node.metadata).toMatchObject({ name: `Org ${canary}` });
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({ valid: true, brokenAt: null });
  });

  it('is NOT_FOUND to another organization’s admin and FORBIDDEN to a member', async () => {
    const other = await adminWithOrganization(stack, uniqueEmail('content-other'));
    expect(codeOf(await stack.graphql(EVENTS, { organizationId: admin.organizationId }, other.token))).toBe(
      'NOT_FOUND',
    );
    const member = await join(stack, admin.token, { organizationId: admin.organizationId, role: 'MEMBER' });
    expect(codeOf(await stack.graphql(EVENTS, { organizationId: admin.organizationId }, member.token))).toBe(
      'FORBIDDEN',
    );
  });

  it('is exported in clear, CSV and JSON Lines, and the JSON Lines still verify offline', async () => {
    const principal = adminPrincipal(admin.userId, admin.organizationId);
    const csv = await (
      await exportOf(principal, { organizationId: admin.organizationId, format: 'csv' })
    ).text();
    expect(csv.split('\r\n')[0]).toMatch(/,hash,erased$/);
    expect(csv).toContain(`agent ${canary}`);
    expect(csv).toContain(`project ${canary}`);
    const jsonl = await (
      await exportOf(principal, { organizationId: admin.organizationId, format: 'jsonl' })
    ).text();
    const lines = jsonl
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const recorded = lines.filter((line) => line.action === 'test.content.recorded');
    expect(recorded).toHaveLength(3);
    for (const line of recorded) {
      expect(JSON.stringify({ ...line, opened: null })).not.toContain(canary);
      expect(line.opened).toMatchObject({ actor: { userAgent: `agent ${canary}` }, erased: false });
    }
    expect(verifyAuditExport(jsonl, null)).toMatchObject({ valid: true });
  });
});

describe('after a subject’s key is destroyed', () => {
  let admin: Awaited<ReturnType<typeof adminWithOrganization>>;
  let person: Awaited<ReturnType<typeof adminWithOrganization>>;
  let before: EventNode[];
  const canary = `canary${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    admin = await adminWithOrganization(stack, uniqueEmail('erase'), `Org ${canary}`);
    await createdEventOf(admin.organizationId);
    person = {
      ...(await join(stack, admin.token, { organizationId: admin.organizationId, role: 'MEMBER' }, 'erased')),
      organizationId: admin.organizationId,
    };
    await deliver(admin.organizationId, person.userId, canary);
    before = (await eventsOf(admin.organizationId, admin.token)).data!.auditEvents.edges.map((e) => e.node);
    await keys.store.destroy({ kind: 'person', id: person.userId });
  });

  it('reads the person’s content as erased, keeping order, action, outcome, time and the chain', async () => {
    const result = await eventsOf(admin.organizationId, admin.token);
    expect(result.errors).toBeUndefined();
    const after = new Map(result.data!.auditEvents.edges.map((e) => [e.node.id, e.node]));
    for (const node of before) {
      const now = after.get(node.id)!;
      expect(now).toMatchObject({
        sequence: node.sequence,
        action: node.action,
        outcome: node.outcome,
        occurredAt: node.occurredAt,
        hash: node.hash,
        target: node.target,
      });
      if (node.actor.id === person.userId) {
        expect(now).toMatchObject({
          erased: true,
          metadata: null,
          actor: { id: person.userId, ip: null, userAgent: null, deviceType: 'DESKTOP' },
        });
      }
    }
    const recorded = [...after.values()].filter((n) => n.action === 'test.content.recorded');
    expect(recorded.map((n) => n.outcome).sort()).toEqual(['DENIED', 'SUCCESS', 'SUCCESS']);
    expect(recorded.every((n) => n.erased)).toBe(true);
    // The admin's own events are theirs and the organization's: still in clear.
    expect(after.get(before.find((n) => n.action === 'tenancy.organization.created')!.id)).toMatchObject({
      erased: false,
      metadata: { name: `Org ${canary}` },
    });
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({ valid: true, brokenAt: null });
  });

  it('stores what arrives for the person afterwards erased, and the chain goes on', async () => {
    const late = await deliver(admin.organizationId, person.userId, `${canary}late`, 1);
    const { rows } = await db.query<{ row: string }>(
      'select e::text as row from audit.events e where id = $1',
      [late[0]!.id],
    );
    expect(rows[0]!.row).not.toContain(canary);
    const node = (await eventsOf(admin.organizationId, admin.token)).data!.auditEvents.edges.find(
      (e) => e.node.id === late[0]!.id,
    )!.node;
    expect(node).toMatchObject({ erased: true, metadata: null, actor: { ip: null, userAgent: null } });
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({ valid: true });
  });

  it('exports the erased content as null with erased true, the JSON Lines still verifying', async () => {
    const principal = adminPrincipal(admin.userId, admin.organizationId);
    const jsonl = await (
      await exportOf(principal, { organizationId: admin.organizationId, format: 'jsonl' })
    ).text();
    const recorded = jsonl
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action?: string; opened?: unknown })
      .filter((line) => line.action === 'test.content.recorded');
    for (const line of recorded)
      expect(line.opened).toEqual({ actor: { ip: null, userAgent: null }, metadata: null, erased: true });
    expect(verifyAuditExport(jsonl, null)).toMatchObject({ valid: true });
  });
});

describe('a tampered sealed value', () => {
  it('reads as a coded error on that field alone, logged and counted, never as other text', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('tamper'));
    const canary = `canary${randomUUID().slice(0, 8)}`;
    const [target] = await deliver(admin.organizationId, admin.userId, canary, 2);
    const { rows } = await db.query<{ actor_user_agent: string; sequence: number }>(
      'select actor_user_agent, sequence::int as sequence from audit.events where id = $1',
      [target!.id],
    );
    const sealed = rows[0]!.actor_user_agent;
    const flipped = `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;
    const counted = seriesSum(
      await scrape(stack.subgraphs.audit!.url),
      'steward_sealed_content_failures_total',
    );
    await db.query('alter table audit.events disable trigger events_append_only');
    try {
      await db.query('update audit.events set actor_user_agent = $2 where id = $1', [target!.id, flipped]);
    } finally {
      await db.query('alter table audit.events enable trigger events_append_only');
    }
    const result = await eventsOf(admin.organizationId, admin.token);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['auditEvents', 'edges', expect.any(Number), 'node', 'actor', 'userAgent'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'DATA_INTEGRITY' },
    });
    const node = result.data!.auditEvents.edges.find((e) => e.node.id === target!.id)!.node;
    expect(node.actor).toMatchObject({ userAgent: null, ip: '198.51.100.77' });
    expect(node.metadata).toMatchObject({ name: `project ${canary}` });
    expect(
      logLines.some((line) => line.includes(target!.id) && line.includes('failed its integrity check')),
    ).toBe(true);
    expect(seriesSum(await scrape(stack.subgraphs.audit!.url), 'steward_sealed_content_failures_total')).toBe(
      counted + 1,
    );
    // The chain covers the ciphertext: the change is also a broken link.
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: rows[0]!.sequence,
    });
    // An export stops rather than write it: the connection is cut before its signed end.
    const download = exportOf(adminPrincipal(admin.userId, admin.organizationId), {
      organizationId: admin.organizationId,
      format: 'jsonl',
    }).then((response) => response.text());
    await expect(download).rejects.toThrow();
  });
});
