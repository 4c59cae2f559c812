import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createMailer, type Mailer } from '../subgraphs/runtime/mailer.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { adminWithOrganization, waitFor } from './support/audit-helpers.ts';
import { operatorSession } from './support/operator.ts';

// Operators see an organization's ids, names and counts, never its data. An incident's delivery
// state tells them why a notice failed (`lastError`), and that reason came from the mail server or
// the organization's webhook receiver: an SMTP refusal names the admin's address ("550 <bob@…>:
// Recipient address rejected"), a connection failure the receiver's address. The operator reads
// the kind of failure, not the admin's email nor where the organization's SIEM lives; nor does the
// audit schema keep the address in a row a deletion of that admin would never reach.

const INCIDENT = /* GraphQL */ `
  query Incident($id: ID!) {
    incident(id: $id) {
      organizations {
        organizationId
        failedDeliveries
        lastError
        channels {
          channel
          failedDeliveries
          lastError
        }
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
const CREATE_STREAM = /* GraphQL */ `
  mutation CreateStream($organizationId: ID!, $url: String!) {
    createAuditStream(organizationId: $organizationId, input: { url: $url }) {
      stream {
        id
      }
    }
  }
`;

interface ChannelState {
  channel: string;
  failedDeliveries: number;
  lastError: string | null;
}
interface OrganizationState {
  organizationId: string;
  failedDeliveries: number;
  lastError: string | null;
  channels: ChannelState[];
}

let stack: TestStack;
let db: pg.Client;
const mailDir = mkdtempSync(joinPath(tmpdir(), 'steward-attack-incident-mail-'));
const operatorEmail = uniqueEmail('attack-incident-operator');
let admin: Awaited<ReturnType<typeof adminWithOrganization>>;
let operatorToken: string;
/** A port nothing listens on: the organization's receiver, down. */
let closedPort: number;

/** A mail server refusing the admin's address the way SMTP servers do: quoting it. */
function refusingMailer(refused: () => string): Mailer {
  const mailbox = createMailer({ mailboxDir: mailDir });
  return {
    send: async (mail) => {
      if (mail.to === refused())
        throw new Error(
          `Can't send mail - all recipients were rejected: 550 5.1.1 <${mail.to}>: Recipient address rejected`,
        );
      await mailbox.send(mail);
    },
    forget: (subject) => mailbox.forget(subject),
  };
}

async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  closedPort = await freePort();
  stack = await startTestStack({
    identity: { operators: [operatorEmail] },
    audit: {
      mailer: refusingMailer(() => admin?.email ?? ''),
      incidentPollMs: 200,
      incidentRetryBaseMs: 60_000,
      streamPollMs: 200,
      streamRetryBaseMs: 300,
      databaseAuditIntervalMs: 0,
    },
  });
  db = await adminClient();
  admin = await adminWithOrganization(stack, uniqueEmail('attack-incident-admin'), 'Refused Co');
  const stream = await stack.graphql(
    CREATE_STREAM,
    { organizationId: admin.organizationId, url: `http://127.0.0.1:${closedPort}/siem-acme` },
    admin.token,
  );
  expect(stream.errors).toBeUndefined();
  operatorToken = (await operatorSession(stack, operatorEmail)).token;
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

describe("an incident's failed notices, as the operator reads them", () => {
  let state: OrganizationState;

  beforeAll(async () => {
    const declared = await stack.graphql<{ declareIncident: { id: string } }>(
      DECLARE,
      {
        input: {
          title: 'Unauthorised access',
          description: 'A key leaked.',
          severity: 'HIGH',
          detectedAt: new Date(Date.now() - 3600_000).toISOString(),
          organizationIds: [admin.organizationId],
        },
      },
      operatorToken,
    );
    expect(declared.errors).toBeUndefined();
    const id = declared.data!.declareIncident.id;
    state = await waitFor(
      async () => {
        const read = await stack.graphql<{ incident: { organizations: OrganizationState[] } }>(
          INCIDENT,
          { id },
          operatorToken,
        );
        const [organization] = read.data?.incident.organizations ?? [];
        const failedBoth = organization?.channels.every((c) => c.failedDeliveries > 0 && c.lastError);
        return organization?.lastError && failedBoth ? organization : undefined;
      },
      'a failed mail and a failed webhook',
      30_000,
    );
  }, 60_000);

  it('says that the mail failed, without the admin’s address', () => {
    expect(state.organizationId).toBe(admin.organizationId);
    const mail = state.channels.find((c) => c.channel === 'MAIL')!;
    for (const text of [state.lastError!, mail.lastError!]) {
      expect(text).toMatch(/Recipient address rejected/);
      expect(text).not.toContain(admin.email);
      expect(text).not.toMatch(/@/);
    }
  });

  it('says that the webhook failed, without where the organization’s receiver is', () => {
    const webhook = state.channels.find((c) => c.channel === 'WEBHOOK')!;
    expect(webhook.lastError).toMatch(/ECONNREFUSED/);
    expect(webhook.lastError).not.toContain(String(closedPort));
    expect(webhook.lastError).not.toContain('127.0.0.1');
  });

  it('keeps the address in none of the incident rows', async () => {
    const { rows } = await db.query<{ text: string }>(
      `select coalesce(n.last_error, '') || ' ' || coalesce(string_agg(d.error, ' '), '') as text
         from audit.incident_notifications n
         left join audit.incident_deliveries d on d.notification_id = n.id
        where n.organization_id = $1
        group by n.id`,
      [admin.organizationId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { text } of rows) expect(text).not.toContain(admin.email);
  });
});
