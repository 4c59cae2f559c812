import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { hashAuditEvent } from '../subgraphs/audit/src/event/audit-hash.ts';
import type { JsonValue } from '../platform/canonical-json.ts';
import { AUDIT_EXPORT_PATH } from '../contracts/audit-log-export.ts';
import { CSV_COLUMNS } from '../subgraphs/audit/src/log-export/log-export-format.ts';
import type { Principal } from '../platform/principal.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  AUDIT_CHAIN,
  INGEST,
  adminPrincipal,
  adminWithOrganization,
  callSubgraph,
  eventsOf,
  auditExportOf,
  waitFor,
  type ChainResult,
} from './support/audit-helpers.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const MEGABYTE = 'A'.repeat(1024 * 1024);
const HOSTILE = {
  newlines: 'line one\nline two\r\n"quoted", with a comma',
  ansi: '\u001b[31mred\u001b[0m \u009b2J',
  formula: '=HYPERLINK("http://evil.example","click")',
  plus: '+1+2',
  minus: '-2+3',
  at: '@SUM(A1)',
  forged: '","action":"identity.sign_in.succeeded","x":"',
};

const exportOf = (principal: Principal, params: Record<string, string>) =>
  auditExportOf(stack, principal, params);

/** RFC 4180: fields quoted with doubled quotes may hold commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect(field).toBe('');
  return rows;
}

describe('hostile actor-controlled text', () => {
  it('is stored bounded and encoded, and breaks neither the chain nor the CSV export', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('hostile'));
    const outboxId = randomUUID();
    // Written as a subgraph's outbox row by code that did not bound it: the relay bounds it.
    await db.query(`insert into identity.audit_outbox (id, organization_id, event) values ($1, $2, $3)`, [
      outboxId,
      admin.organizationId,
      JSON.stringify({
        action: 'test.hostile.outbox',
        outcome: 'DENIED',
        organizationId: admin.organizationId,
        actor: {
          type: 'USER',
          id: admin.userId,
          ip: '198.51.100.9',
          userAgent: MEGABYTE,
          deviceType: HOSTILE.ansi,
        },
        target: { type: 'Project', id: HOSTILE.forged },
        metadata: { ...HOSTILE, big: MEGABYTE, list: Array.from({ length: 500 }, (_, i) => i) },
      }),
    ]);
    // And straight to the audit subgraph, which bounds whatever a caller sends (under its 1 MB
    // body limit: beyond it the request is refused whole).
    const direct = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
      events: [
        {
          id: randomUUID(),
          occurredAt: new Date().toISOString(),
          organizationId: admin.organizationId,
          action: `test.hostile.direct${HOSTILE.newlines}`,
          outcome: 'FAILURE',
          actor: { type: 'USER', id: admin.userId, userAgent: MEGABYTE.slice(0, 400_000), ip: HOSTILE.ansi },
          metadata: { nested: { deeper: [HOSTILE.formula, MEGABYTE.slice(0, 400_000)] } },
        },
      ],
    });
    expect(direct.errors).toBeUndefined();

    const stored = await waitFor(async () => {
      const events = await eventsOf(db, admin.organizationId, 'test.hostile.');
      return events.length === 2 ? events : undefined;
    }, 'both hostile events');
    // Bounded as read (the content is stored sealed: longer by its nonce, tag and base64).
    const longest = Math.max(
      ...stored.flatMap((e) => [e.actor_user_agent, e.action, e.actor_ip].map((v) => v?.length ?? 0)),
    );
    expect(longest).toBeLessThanOrEqual(1000);
    expect(Math.max(...stored.map((e) => JSON.stringify(e.metadata).length))).toBeLessThan(20_000);
    const fromOutbox = stored.find((e) => e.id === outboxId)!;
    expect(fromOutbox.actor_device_type).toBe(HOSTILE.ansi);
    expect(fromOutbox.metadata).toMatchObject({ newlines: HOSTILE.newlines, formula: HOSTILE.formula });
    expect(String(fromOutbox.metadata?.big)).toMatch(/…\[cut from 1048576\]$/);

    const chain = await stack.graphql<ChainResult>(
      AUDIT_CHAIN,
      { organizationId: admin.organizationId },
      admin.token,
    );
    expect(chain.data?.auditChain).toMatchObject({ valid: true, brokenAt: null });

    const response = await exportOf(adminPrincipal(admin.userId, admin.organizationId), {
      organizationId: admin.organizationId,
      format: 'csv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await response.text();
    expect(csv).not.toContain('\u001b');
    expect(csv).not.toContain('\u009b');
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records.every((record) => record.length === CSV_COLUMNS.length)).toBe(true);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const outboxRow = records.find((r) => r[column('id')] === outboxId)!;
    expect(outboxRow[column('outcome')]).toBe('DENIED');
    expect(outboxRow[column('actor_device_type')]).toBe('\\u001b[31mred\\u001b[0m \\u009b2J');
    expect(outboxRow[column('target_id')]).toBe(HOSTILE.forged);
    const metadata = JSON.parse(outboxRow[column('metadata')]!) as Record<string, string>;
    expect(metadata.newlines).toBe(HOSTILE.newlines);
    const directRow = records.find((r) => r[column('action')]!.startsWith('test.hostile.direct'))!;
    expect(directRow[column('action')]).toBe(`test.hostile.direct${HOSTILE.newlines}`);
    expect(directRow[column('actor_ip')]).toBe('\\u001b[31mred\\u001b[0m \\u009b2J');
    // Formula-looking values are neutralised with a leading apostrophe.
    for (const key of ['formula', 'plus', 'minus', 'at'] as const) {
      const withValue = records.find((r) => r[column('metadata')]!.includes(JSON.stringify(HOSTILE[key])));
      expect(withValue).toBeDefined();
    }
    const formulaCells = records.flatMap((r) => r).filter((cell) => /^['=+\-@]/.test(cell));
    expect(formulaCells.every((cell) => cell.startsWith("'"))).toBe(true);
  });
});

describe('the export route', () => {
  it('streams any range as CSV or JSON Lines, from which the chain can be re-verified', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('export-range'));
    // Recent enough that no retention sweep (of any test's stack) purges them meanwhile.
    const base = Date.now() - 10 * 24 * 3600_000;
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 500 }, (_, i) => ({
        id: randomUUID(),
        occurredAt: new Date(base + (batch * 500 + i) * 60_000).toISOString(),
        organizationId: admin.organizationId,
        action: 'test.export.row',
        outcome: 'SUCCESS',
        actor: { type: 'SYSTEM', id: 'bulk' },
        metadata: { n: batch * 500 + i, text: '=cmd|" /C calc"!A0' },
      }));
      const result = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
        events,
      });
      expect(result.errors).toBeUndefined();
    }
    const principal = adminPrincipal(admin.userId, admin.organizationId);

    const all = await exportOf(principal, { organizationId: admin.organizationId, format: 'jsonl' });
    expect(all.status).toBe(200);
    expect(all.headers.get('transfer-encoding')).toBe('chunked');
    const lines = (await all.text()).split('\n').filter(Boolean);
    // The last line is the export's signed checkpoint (test/audit-export-verify.test.ts), not an event.
    const records = lines
      .map((line) => JSON.parse(line) as Record<string, JsonValue>)
      .filter((record) => !('exportCheckpoint' in record));
    expect(records).toHaveLength(lines.length - 1);
    const rows = records.filter((r) => r.action === 'test.export.row');
    expect(rows).toHaveLength(3000);
    let previous: string | null = null;
    for (const record of records) {
      const actor = record.actor as Record<string, string | null>;
      const target = record.target as { type: string; id: string | null } | null;
      const recomputed = hashAuditEvent({
        id: String(record.id),
        organizationId: String(record.organizationId),
        sequence: Number(record.sequence),
        occurredAt: new Date(String(record.occurredAt)),
        action: String(record.action),
        outcome: String(record.outcome),
        actorType: String(actor.type),
        actorId: actor.id ?? null,
        actorIp: actor.ip ?? null,
        actorUserAgent: actor.userAgent ?? null,
        actorDeviceType: actor.deviceType ?? null,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        metadata: record.metadata ?? null,
        previousHash: (record.previousHash as string | null) ?? null,
      });
      expect(recomputed).toBe(record.hash);
      expect(record.previousHash).toBe(previous);
      previous = String(record.hash);
    }

    const from = new Date(base + 1000 * 60_000).toISOString();
    const to = new Date(base + 1010 * 60_000).toISOString();
    const range = await exportOf(principal, {
      organizationId: admin.organizationId,
      format: 'CSV',
      from,
      to,
    });
    expect(range.status).toBe(200);
    const [, ...inRange] = parseCsv(await range.text());
    expect(inRange.map((r) => JSON.parse(r[CSV_COLUMNS.indexOf('metadata')]!).n)).toEqual(
      Array.from({ length: 10 }, (_, i) => 1000 + i),
    );
    expect(inRange.every((r) => r[CSV_COLUMNS.indexOf('metadata')]!.startsWith('{'))).toBe(true);

    // The export itself is on the record.
    const exported = await eventsOf(db, admin.organizationId, 'audit.log.exported');
    expect(exported.map((e) => e.actor_id)).toEqual([admin.userId, admin.userId]);
  });

  it('answers coded errors to anyone else, before any byte of the log', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('export-refused'));
    const outsider = await adminWithOrganization(stack, uniqueEmail('export-outsider'));
    const organizationId = admin.organizationId;
    const member: Principal = {
      kind: 'user',
      userId: randomUUID(),
      memberships: [{ organizationId, role: 'MEMBER', projects: [] }],
    };
    const cases: [Principal, Record<string, string>, number, string][] = [
      [member, { organizationId }, 403, 'FORBIDDEN'],
      [adminPrincipal(outsider.userId, outsider.organizationId), { organizationId }, 404, 'NOT_FOUND'],
      [{ kind: 'anonymous' }, { organizationId }, 401, 'UNAUTHENTICATED'],
      [
        { kind: 'apiKey', keyId: randomUUID(), organizationId, scopes: ['projects:read'] },
        { organizationId },
        403,
        'FORBIDDEN',
      ],
      [
        adminPrincipal(admin.userId, organizationId),
        { organizationId, format: 'xml' },
        400,
        'BAD_USER_INPUT',
      ],
      [adminPrincipal(admin.userId, organizationId), { organizationId: 'nope' }, 400, 'BAD_USER_INPUT'],
      [
        adminPrincipal(admin.userId, organizationId),
        { organizationId, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        400,
        'BAD_USER_INPUT',
      ],
    ];
    for (const [principal, params, status, code] of cases) {
      const response = await exportOf(principal, params);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect({ params, status: response.status, code: body.errors[0]!.extensions.code }).toEqual({
        params,
        status,
        code,
      });
    }
    const key = await exportOf(
      { kind: 'apiKey', keyId: randomUUID(), organizationId, scopes: ['audit:read'] },
      {
        organizationId,
        format: 'jsonl',
      },
    );
    expect(key.status).toBe(200);
    await key.text();

    const url = new URL(AUDIT_EXPORT_PATH, stack.subgraphs.audit!.url);
    url.search = `organizationId=${organizationId}`;
    expect((await fetch(url)).status).toBe(401);
  });
});
