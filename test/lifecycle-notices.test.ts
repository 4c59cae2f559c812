import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIsolatedDatabase, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { adminWithOrganization, waitFor } from './support/audit-helpers.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';
import { join } from './support/tenancy-fixtures.ts';
import { CERTIFICATE, REQUEST_DELETION } from './support/deletion-fixtures.ts';

// Lifecycle notices on an organization's audit streams, in both formats: an export ready, a
// member's deletion scheduled and completed (with its signed certificate, which verifies), the
// contract's end and the deletion it schedules. Each is an event of the organization's chain written
// through lifecycle's outbox in the transaction of what it reports: signed, in order, one id each.

let stack: TestStack;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let admin: Awaited<ReturnType<typeof adminWithOrganization>>;

interface Notice {
  id: string;
  sequence: number;
  notice: string;
  action: string;
  metadata: Record<string, unknown>;
}

/** The notices a path got, first receipt of each id, in either format. */
function noticesAt(path: string): Notice[] {
  const seen = new Set<string>();
  return receiver.posts
    .filter((post) => post.path === path)
    .flatMap((post) =>
      post.json.events.map((event): Notice => {
        if (post.json.format !== 'OCSF') return event as unknown as Notice;
        const ocsf = event as {
          metadata: { uid: string; sequence: number };
          api: { operation: string };
          unmapped: { notice: string; details: Record<string, unknown> };
        };
        return {
          id: ocsf.metadata.uid,
          sequence: ocsf.metadata.sequence,
          notice: ocsf.unmapped.notice,
          action: ocsf.api.operation,
          metadata: ocsf.unmapped.details,
        };
      }),
    )
    .filter((event) => event.notice && !seen.has(event.id) && seen.add(event.id));
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // A database of its own: its jobs run on its own stack's worker only.
  stack = await startTestStack({
    databaseUrl: await createIsolatedDatabase(),
    lifecycle: { deletionGracePeriod: 'PT0S', jobPollMs: 200 },
    audit: { streamPollMs: 200, databaseAuditIntervalMs: 0 },
  });
  admin = await adminWithOrganization(stack, uniqueEmail('notices-admin'), 'Noticed Co');
  for (const [path, format] of [
    ['/steward', 'STEWARD'],
    ['/ocsf', 'OCSF'],
  ] as const) {
    const created = await stack.graphql<{ createAuditStream: { secret: string; stream: { id: string } } }>(
      /* GraphQL */ `
        mutation Stream($organizationId: ID!, $url: String!, $format: AuditStreamFormat) {
          createAuditStream(organizationId: $organizationId, input: { url: $url, format: $format }) {
            secret
            stream {
              id
            }
          }
        }
      `,
      { organizationId: admin.organizationId, url: receiver.url(path), format },
      admin.token,
    );
    expect(created.errors).toBeUndefined();
    const { stream, secret } = created.data!.createAuditStream;
    receiver.secrets.set(stream.id, secret);
  }
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

describe('lifecycle notices by webhook', () => {
  it('sends an export ready, a deletion scheduled and completed with its certificate, and a contract end', async () => {
    const exported = await stack.graphql<{ requestDataExport: { id: string } }>(
      /* GraphQL */ `
        mutation Export($organizationId: ID!) {
          requestDataExport(subject: { organizationId: $organizationId }) {
            id
          }
        }
      `,
      { organizationId: admin.organizationId },
      admin.token,
    );
    expect(exported.errors).toBeUndefined();
    const member = await join(stack, admin.token, { organizationId: admin.organizationId, role: 'MEMBER' });
    const deletion = await stack.graphql<{ requestDeletion: { id: string } }>(
      REQUEST_DELETION,
      { subject: { organizationId: admin.organizationId, userId: member.userId }, reason: 'Left the team' },
      admin.token,
    );
    expect(deletion.errors).toBeUndefined();
    const ended = await stack.graphql(
      /* GraphQL */ `
        mutation End($organizationId: ID!, $endsAt: DateTime!) {
          endContract(organizationId: $organizationId, endsAt: $endsAt) {
            id
          }
        }
      `,
      { organizationId: admin.organizationId, endsAt: new Date(Date.now() + 86_400_000).toISOString() },
      admin.token,
    );
    expect(ended.errors).toBeUndefined();

    const expected = ['EXPORT_READY', 'DELETION_SCHEDULED', 'DELETION_COMPLETED', 'CONTRACT_ENDED'];
    for (const path of ['/steward', '/ocsf']) {
      const notices = await waitFor(async () => {
        const got = noticesAt(path);
        return expected.every((type) => got.some((n) => n.notice === type)) && got;
      }, `the notices at ${path}`);
      // In chain order, one id each.
      const sequences = notices.map((n) => n.sequence);
      expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
      expect(notices.find((n) => n.notice === 'EXPORT_READY')).toMatchObject({
        action: 'lifecycle.export.completed',
      });
      expect(notices.find((n) => n.notice === 'CONTRACT_ENDED')!.metadata).toMatchObject({
        deletionScheduledFor: expect.any(String),
      });
      expect(
        notices
          .filter((n) => n.notice === 'DELETION_SCHEDULED')
          .map((n) => n.action)
          .sort(),
      ).toEqual(['lifecycle.deletion.requested', 'lifecycle.deletion.scheduled']);
      // The certificate as signed: it verifies with Steward's public key.
      const completed = notices.find((n) => n.notice === 'DELETION_COMPLETED')!;
      const certificate = completed.metadata.certificate as { document: string; signature: string };
      expect(JSON.parse(certificate.document)).toMatchObject({
        subject: { organizationId: admin.organizationId, userId: member.userId },
      });
      const verified = await stack.graphql<{ verifyDestructionCertificate: { valid: boolean } }>(
        CERTIFICATE,
        { document: certificate.document, signature: certificate.signature },
        admin.token,
      );
      expect(verified.errors).toBeUndefined();
      expect(verified.data?.verifyDestructionCertificate.valid).toBe(true);
    }
    // The same events in both formats, every POST signed with its stream's secret.
    expect(noticesAt('/ocsf').map((n) => n.id)).toEqual(noticesAt('/steward').map((n) => n.id));
    expect(receiver.posts.every((post) => post.validSignature)).toBe(true);
  }, 120_000);
});
