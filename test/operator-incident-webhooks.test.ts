import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createMailer, type Mail } from '../subgraphs/runtime/mailer.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { adminWithOrganization, waitFor } from './support/audit-helpers.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';
import { operatorSession } from './support/operator.ts';

// Must show 2: an incident affecting two of three organizations. A's and B's admins get the mail
// and their audit streams the signed notice (Steward JSON for A, OCSF for B) from a real receiver
// on loopback; C gets nothing; `incident(id)` shows each channel's deliveries per organization. B's
// second stream answers 503: retried, each failure recorded and shown, an error-level alert near
// the deadline, delivered once the receiver recovers.

let stack: TestStack;
let db: pg.Client;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const mailDir = mkdtempSync(joinPath(tmpdir(), 'steward-incident-webhook-mail-'));
const operatorEmail = uniqueEmail('webhook-operator');
const logLines: string[] = [];
type Admin = Awaited<ReturnType<typeof adminWithOrganization>>;
let a: Admin;
let b: Admin;
let c: Admin;
let operatorToken: string;
let factorGivenAt = 0;
const STEP_UP_WINDOW_MS = 30_000;
const streamIds = new Map<string, string>();

const mailsTo = (to: string): Mail[] =>
  readdirSync(mailDir)
    .map((name) => JSON.parse(readFileSync(joinPath(mailDir, name), 'utf8')) as Mail)
    .filter((mail) => mail.to === to);

const CREATE_STREAM = /* GraphQL */ `
  mutation CreateStream($organizationId: ID!, $url: String!, $format: AuditStreamFormat) {
    createAuditStream(organizationId: $organizationId, input: { url: $url, format: $format }) {
      secret
      stream {
        id
      }
    }
  }
`;
const DECLARE = /* GraphQL */ `
  mutation Declare($input: DeclareIncidentInput!) {
    declareIncident(input: $input) {
      id
    }
  }
`;
const INCIDENT = /* GraphQL */ `
  query Incident($id: ID!) {
    incident(id: $id) {
      organizations {
        organizationId
        channels {
          channel
          notifications
          delivered
          notifiedAt
          deliveries
          failedDeliveries
          lastError
        }
      }
    }
  }
`;

interface ChannelState {
  channel: 'MAIL' | 'WEBHOOK';
  notifications: number;
  delivered: number;
  notifiedAt: string | null;
  deliveries: number;
  failedDeliveries: number;
  lastError: string | null;
}
type Organizations = { organizationId: string; channels: ChannelState[] }[];

async function stream(admin: Admin, path: string, format: 'STEWARD' | 'OCSF') {
  const created = await stack.graphql<{ createAuditStream: { secret: string; stream: { id: string } } }>(
    CREATE_STREAM,
    { organizationId: admin.organizationId, url: receiver.url(path), format },
    admin.token,
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  receiver.secrets.set(created.data.createAuditStream.stream.id, created.data.createAuditStream.secret);
  streamIds.set(path, created.data.createAuditStream.stream.id);
}

/** The incident notices a receiver path got, in either format: event id and incident id. */
function noticesAt(path: string) {
  return receiver.posts
    .filter((post) => post.path === path)
    .flatMap((post) =>
      post.json.events.map((event) =>
        post.json.format === 'OCSF'
          ? {
              id: (event.metadata as { uid: string }).uid,
              action: (event.api as { operation: string }).operation,
              incidentId: (event.resources as { uid: string }[])[0]?.uid,
              message: ((event.unmapped as { details: { message?: string } }).details ?? {}).message,
            }
          : {
              id: event.id as string,
              action: event.action as string,
              incidentId: (event.target as { id: string } | null)?.id,
              message: (event.metadata as { message?: string } | null)?.message,
            },
      ),
    )
    .filter((notice) => notice.action.startsWith('incident.'));
}

const incidentView = async (id: string) => {
  const result = await stack.graphql<{ incident: { organizations: Organizations } }>(
    INCIDENT,
    { id },
    operatorToken,
  );
  expect(result.errors).toBeUndefined();
  return new Map(result.data!.incident.organizations.map((o) => [o.organizationId, o.channels]));
};
const channel = (channels: ChannelState[] | undefined, name: 'MAIL' | 'WEBHOOK') =>
  channels?.find((c) => c.channel === name);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    logLines,
    identity: { operators: [operatorEmail] },
    audit: {
      mailer: createMailer({ mailboxDir: mailDir }),
      incidentPollMs: 200,
      streamPollMs: 200,
      streamRetryBaseMs: 300,
      databaseAuditIntervalMs: 0,
      // An operator's factor counts 30 s here (5 minutes by default): long enough to declare.
      stepUpWindowMs: STEP_UP_WINDOW_MS,
    },
  });
  db = await adminClient(databaseUrl);
  [a, b, c] = await Promise.all([
    adminWithOrganization(stack, uniqueEmail('webhook-a'), 'Org A'),
    adminWithOrganization(stack, uniqueEmail('webhook-b'), 'Org B'),
    adminWithOrganization(stack, uniqueEmail('webhook-c'), 'Org C'),
  ]);
  operatorToken = (await operatorSession(stack, operatorEmail)).token;
  factorGivenAt = Date.now();
  await stream(a, '/a', 'STEWARD');
  await stream(b, '/b', 'OCSF');
  await stream(b, '/b-broken', 'STEWARD');
  await stream(c, '/c', 'STEWARD');
  receiver.failing.add('/b-broken');
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
  await receiver?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

describe('an incident affecting two of three organizations, by mail and webhook', () => {
  let incidentId: string;

  beforeAll(async () => {
    const declared = await stack.graphql<{ declareIncident: { id: string } }>(
      DECLARE,
      {
        input: {
          title: 'Leaked key',
          description: 'A signing key leaked; rotated.',
          severity: 'HIGH',
          // Detected 23 hours ago: the deadline is an hour away, inside the alert window.
          detectedAt: new Date(Date.now() - 23 * 3600_000).toISOString(),
          organizationIds: [a.organizationId, b.organizationId],
        },
      },
      operatorToken,
    );
    expect(declared.errors).toBeUndefined();
    incidentId = declared.data!.declareIncident.id;
  });

  it("delivers the mail and the signed webhook notice to A's and B's admins, and nothing to C", async () => {
    await waitFor(
      async () =>
        mailsTo(a.email).length === 1 &&
        mailsTo(b.email).length === 1 &&
        noticesAt('/a').length === 1 &&
        noticesAt('/b').length === 1,
      'mails and webhooks',
    );
    for (const path of ['/a', '/b']) {
      const [notice] = noticesAt(path);
      expect(notice).toMatchObject({
        action: 'incident.declare',
        incidentId,
        message: 'A signing key leaked; rotated.',
      });
    }
    // Signed with each stream's own secret, every POST.
    expect(receiver.posts.every((post) => post.validSignature)).toBe(true);
    // The event id is the notification's: the dedupe id a receiver keeps.
    const { rows } = await db.query<{ id: string; organization_id: string }>(
      'select id, organization_id from audit.incident_notifications where incident_id = $1',
      [incidentId],
    );
    const byOrganization = new Map(rows.map((row) => [row.organization_id, row.id]));
    expect(noticesAt('/a')[0]!.id).toBe(byOrganization.get(a.organizationId));
    expect(noticesAt('/b')[0]!.id).toBe(byOrganization.get(b.organizationId));
    // C: no mail, no notice on its stream, no notification owed.
    expect(mailsTo(c.email)).toEqual([]);
    expect(noticesAt('/c')).toEqual([]);
    expect(byOrganization.has(c.organizationId)).toBe(false);
  });

  it('retries the undeliverable webhook, records each failure and alerts near the deadline', async () => {
    const failing = await waitFor(async () => {
      const webhook = channel((await incidentView(incidentId)).get(b.organizationId), 'WEBHOOK');
      return webhook && webhook.failedDeliveries >= 2 && webhook;
    }, "B's failed webhook attempts");
    // B's good stream took it; the broken one is still owed it.
    expect(failing).toMatchObject({
      notifications: 1,
      delivered: 0,
      notifiedAt: null,
      deliveries: 1,
      lastError: expect.stringContaining('503'),
    });
    await waitFor(
      async () =>
        logLines.some(
          (line) =>
            line.includes('"level":50') &&
            line.includes('near (or past) its deadline') &&
            line.includes(incidentId) &&
            line.includes('WEBHOOK'),
        ),
      'the deadline alert naming the webhook channel',
    );
    const { rows } = await db.query<{ outcome: string; stream_id: string }>(
      `select d.outcome, d.stream_id from audit.incident_deliveries d
         join audit.incident_notifications n on n.id = d.notification_id
        where n.incident_id = $1 and d.channel = 'WEBHOOK' and d.stream_id = $2`,
      [incidentId, streamIds.get('/b-broken')],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.outcome === 'FAILED')).toBe(true);
  });

  it('shows per organization and channel that it was notified and when, once the receiver recovers', async () => {
    receiver.failing.delete('/b-broken');
    const view = await waitFor(async () => {
      const state = await incidentView(incidentId);
      const done = [a, b].every((admin) => {
        const channels = state.get(admin.organizationId);
        return channel(channels, 'MAIL')?.notifiedAt && channel(channels, 'WEBHOOK')?.notifiedAt;
      });
      return done && state;
    }, 'every channel delivered');
    expect([...view.keys()].sort()).toEqual([a.organizationId, b.organizationId].sort());
    expect(channel(view.get(a.organizationId), 'MAIL')).toMatchObject({ delivered: 1, deliveries: 1 });
    expect(channel(view.get(a.organizationId), 'WEBHOOK')).toMatchObject({
      notifications: 1,
      delivered: 1,
      deliveries: 1,
      failedDeliveries: 0,
      lastError: null,
    });
    expect(channel(view.get(b.organizationId), 'WEBHOOK')).toMatchObject({
      notifications: 1,
      delivered: 1,
      deliveries: 2,
      lastError: null,
    });
    expect(noticesAt('/b-broken')).toHaveLength(1);
    expect(noticesAt('/c')).toEqual([]);
  });

  it('refuses a change from an operator whose factor is no longer recent (STEP_UP_REQUIRED); reads go on', async () => {
    const wait = factorGivenAt + STEP_UP_WINDOW_MS + 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const before = await db.query('select count(*)::int as n from audit.incidents');
    const declared = await stack.graphql(
      DECLARE,
      {
        input: {
          title: 'Stale',
          description: 'x',
          severity: 'LOW',
          detectedAt: new Date().toISOString(),
          organizationIds: [a.organizationId],
        },
      },
      operatorToken,
    );
    expect(declared.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    expect((await db.query('select count(*)::int as n from audit.incidents')).rows).toEqual(before.rows);
    expect((await incidentView(incidentId)).size).toBe(2);
  }, 60_000);
});
