import { execFile } from 'node:child_process';
import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { privateKeyFromPem } from '../platform/internal-token.ts';
import { checkpointKeysOf } from '../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { AUDIT_EXPORT_PATH } from '../contracts/audit-log-export.ts';
import { purgeExpiredEvents } from '../subgraphs/audit/src/retention/retention-sweep.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  INGEST,
  adminPrincipal,
  adminWithOrganization,
  callSubgraph,
  eventsOf,
  internalToken,
  waitFor,
  auditRuntimeOrm,
} from './support/audit-helpers.ts';

const run = promisify(execFile);

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
let dir: string;
let publicKey: string;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  orm = await auditRuntimeOrm();
  dir = mkdtempSync(join(tmpdir(), 'audit-export-verify-'));
  publicKey = join(dir, 'audit-public-key.pem');
  writeFileSync(publicKey, testEnvironment().auditSigning.publicKeyPem);
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run verify-audit-export`'s script on a file; its exit code and first output line. */
async function verify(text: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const file = join(dir, `${randomUUID()}.jsonl`);
  writeFileSync(file, text);
  try {
    const { stdout } = await run(process.execPath, ['scripts/verify-audit-export.ts', file, ...args], {
      // No default key from a developer's .steward/: only what the test gives.
      env: { ...process.env, NODE_OPTIONS: '', STEWARD_DATA_DIR: join(dir, 'no-data-dir') },
    });
    return { code: 0, out: stdout.split('\n')[0]! };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout.split('\n')[0] || failed.stderr };
  }
}

const withKey = (text: string) => verify(text, '--public-key', publicKey);

/** The export as a client downloads it from the gateway. */
async function download(organizationId: string, token: string, extra: Record<string, string> = {}) {
  const url = `${stack.url.replace('/graphql', '/audit/export')}?${new URLSearchParams({ organizationId, format: 'jsonl', ...extra }).toString()}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const event = (organizationId: string, n: number, occurredAt = new Date()) => ({
  id: randomUUID(),
  occurredAt: occurredAt.toISOString(),
  organizationId,
  action: 'test.export.verify',
  outcome: 'SUCCESS',
  actor: { type: 'USER', id: randomUUID(), ip: '198.51.100.4', userAgent: 'Agent\u2028\u0085 "quoted"' },
  target: n % 2 ? null : { type: 'Thing', id: String(n) },
  metadata: { n, small: 1e-7, big: 1e21, text: 'é\u0000\u001b[31m', nested: { b: [1, 'two'], a: null } },
});

async function ingest(events: ReturnType<typeof event>[]) {
  const result = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
    events,
  });
  expect(result.errors).toBeUndefined();
}

const lines = (text: string) => text.trimEnd().split('\n');
const join_ = (parts: string[]) => `${parts.join('\n')}\n`;

describe('npm run verify-audit-export', () => {
  it('verifies a JSON Lines export downloaded from the gateway, as exported, and its signature', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('export-verify'));
    await ingest(Array.from({ length: 7 }, (_, n) => event(admin.organizationId, n)));
    await waitFor(
      async () => (await eventsOf(db, admin.organizationId, 'tenancy.organization.created')).length > 0,
      'the creation event',
    );
    const text = await download(admin.organizationId, admin.token);
    const all = lines(text);
    const events = all.slice(0, -1).map((line) => JSON.parse(line) as { occurredAt: string });
    expect(events.length).toBeGreaterThanOrEqual(8);
    // Times exactly as hashed: ISO, milliseconds, Z.
    expect(events.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.occurredAt))).toBe(true);
    expect(JSON.parse(all.at(-1)!)).toEqual({
      exportCheckpoint: expect.objectContaining({
        organizationId: admin.organizationId,
        events: events.length,
        firstSequence: 1,
        lastSequence: events.length,
        head: { sequence: events.length, hash: expect.any(String) },
      }),
    });

    expect(await withKey(text)).toEqual({
      code: 0,
      out: expect.stringMatching(new RegExp(`^VALID: ${events.length} events .* signed by key`)),
    });
    expect((await verify(text)).out).toMatch(/^VALID: .*signatures NOT checked/);
  });

  it('fails a tampered line, a cut line, a rewritten time and another key, naming where', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('export-tamper'));
    await ingest(Array.from({ length: 5 }, (_, n) => event(admin.organizationId, n)));
    const all = lines(await download(admin.organizationId, admin.token));
    const index = all.findIndex((line) => line.includes('"n":3'));
    const sequence = (JSON.parse(all[index]!) as { sequence: number }).sequence;

    // The address in clear (`opened`) is covered by the signed end's digest…
    const changedIp = [...all];
    changedIp[index] = all[index]!.replace('198.51.100.4', '203.0.113.66');
    expect(await withKey(join_(changedIp))).toEqual({ code: 1, out: 'INVALID: OPENED_MISMATCH' });
    // …its sealed form by the event's hash.
    const changedSealed = [...all];
    const record = JSON.parse(all[index]!) as { actor: { ip: string } };
    record.actor.ip = `${record.actor.ip.slice(0, -1)}${record.actor.ip.endsWith('A') ? 'B' : 'A'}`;
    changedSealed[index] = JSON.stringify(record);
    expect(await withKey(join_(changedSealed))).toEqual({
      code: 1,
      out: `INVALID: HASH_MISMATCH (at sequence ${sequence}, line ${index + 1})`,
    });

    const rewrittenTime = [...all];
    rewrittenTime[index] = all[index]!.replace(/"occurredAt":"([^"]+)Z"/, '"occurredAt":"$1+00:00"');
    expect((await withKey(join_(rewrittenTime))).out).toBe(
      `INVALID: HASH_MISMATCH (at sequence ${sequence}, line ${index + 1})`,
    );

    const middleCut = all.filter((_, i) => i !== index);
    expect((await withKey(join_(middleCut))).out).toMatch(/^INVALID: EVENT_MISSING \(at sequence/);

    const tailCut = [...all.slice(0, -2), all.at(-1)!];
    expect((await withKey(join_(tailCut))).out).toBe(`INVALID: TAIL_MISSING (at sequence ${all.length - 1})`);

    expect((await withKey(join_(all.slice(0, -1)))).out).toMatch(/^INVALID: EXPORT_CHECKPOINT_MISSING/);

    const stranger = join(dir, 'stranger.pem');
    writeFileSync(
      stranger,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    expect(await verify(join_(all), '--public-key', stranger)).toEqual({
      code: 1,
      out: expect.stringMatching(/^INVALID: EXPORT_SIGNATURE/),
    });
  });

  it('shows a log trimmed in the database before the export: it ends short of the head', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('export-trimmed'));
    await ingest(Array.from({ length: 4 }, (_, n) => event(admin.organizationId, n)));
    const length = (await eventsOf(db, admin.organizationId)).length;
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query('delete from audit.events where organization_id = $1 and sequence > $2', [
      admin.organizationId,
      length - 2,
    ]);
    await db.query('commit');
    const text = await download(admin.organizationId, admin.token);
    // Cut at the tail; or, once the admin's own reads were appended after the recorded head, a
    // gap before them: either way, where it was cut.
    expect(await withKey(text)).toEqual({
      code: 1,
      out: expect.stringMatching(
        new RegExp(`^INVALID: (TAIL_MISSING|EVENT_MISSING) \\(at sequence ${length - 1}[,)]`),
      ),
    });
  });

  it('checks the signed retention checkpoint an export after a purge starts from', async () => {
    const organizationId = randomUUID();
    const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 24 * 3600_000);
    await ingest([
      ...Array.from({ length: 3 }, (_, n) => event(organizationId, n, monthsAgo(14))),
      event(organizationId, 3),
      event(organizationId, 4),
    ]);
    const keys = checkpointKeysOf(privateKeyFromPem(testEnvironment().auditSigning.privateKeyPem));
    expect(await purgeExpiredEvents(orm, keys, organizationId, 10)).toBe(3);

    const url = new URL(AUDIT_EXPORT_PATH, stack.subgraphs.audit!.url);
    url.search = new URLSearchParams({ organizationId, format: 'jsonl' }).toString();
    const token = await internalToken('audit', adminPrincipal(randomUUID(), organizationId));
    const text = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    const all = lines(text);
    expect(JSON.parse(all[0]!)).toEqual({
      checkpoint: expect.objectContaining({ organizationId, sequence: 3 }),
    });
    // The two kept events and the export's own audit event.
    expect(await withKey(text)).toEqual({
      code: 0,
      out: expect.stringMatching(/^VALID: 3 events .*, sequences 4-6, signed/),
    });

    const forged = [...all];
    forged[0] = all[0]!.replace(/"purgedAt":"\d{4}/, '"purgedAt":"2000');
    expect((await withKey(join_(forged))).out).toBe('INVALID: CHECKPOINT_SIGNATURE (at sequence 3, line 1)');
  });
});
