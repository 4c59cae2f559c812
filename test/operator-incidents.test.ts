import { operatorSession } from './support/operator.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createMailer, type Mail, type Mailer } from '../subgraphs/runtime/mailer.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { adminWithOrganization, waitFor } from './support/audit-helpers.ts';
import { join } from './support/tenancy-fixtures.ts';
import { scrape, seriesSum } from './support/metrics.ts';

// Incidents end to end through the gateway: an operator declares one affecting organizations A and
// B; their admins are mailed (a failed mail retried and recorded) and read it; C's admin sees
// nothing; every change is in the system chain and in A's and B's chains.

let stack: TestStack;
let db: pg.Client;
const mailDir = mkdtempSync(joinPath(tmpdir(), 'steward-incident-mail-'));
const operatorEmail = uniqueEmail('incident-operator');
/** Addresses whose next incident mail fails once (an SMTP server refusing it), or every one. */
const failOnce = new Set<string>();
const failAlways = new Set<string>();
const logLines: string[] = [];

const incidentMails = (to: string): Mail[] =>
  readdirSync(mailDir)
    .sort()
    .map((name) => JSON.parse(readFileSync(joinPath(mailDir, name), 'utf8')) as Mail)
    .filter((mail) => mail.to === to);

function flakyMailer(): Mailer {
  const mailbox = createMailer({ mailboxDir: mailDir });
  return {
    send: async (mail) => {
      if (failOnce.delete(mail.to) || failAlways.has(mail.to)) throw new Error('550 mailbox unavailable');
      await mailbox.send(mail);
    },
    forget: (subject) => mailbox.forget(subject),
  };
}

type Admin = Awaited<ReturnType<typeof adminWithOrganization>>;
let a: Admin;
let b: Admin;
let c: Admin;
let operatorToken: string;

beforeAll(async () => {
  // Its own database: "all organizations" are this test's three.
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    logLines,
    identity: { operators: [operatorEmail] },
    audit: {
      mailer: flakyMailer(),
      incidentPollMs: 200,
      incidentRetryBaseMs: 300,
      databaseAuditIntervalMs: 0,
    },
  });
  db = await adminClient(databaseUrl);
  [a, b, c] = await Promise.all([
    adminWithOrganization(stack, uniqueEmail('incident-a'), 'Org A'),
    adminWithOrganization(stack, uniqueEmail('incident-b'), 'Org B'),
    adminWithOrganization(stack, uniqueEmail('incident-c'), 'Org C'),
  ]);
  operatorToken = (await operatorSession(stack, operatorEmail)).token;
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

const DECLARE = /* GraphQL */ `
  mutation Declare($input: DeclareIncidentInput!) {
    declareIncident(input: $input) {
      id
      status
      severity
      allOrganizations
      notifyBy
    }
  }
`;

const INCIDENT = /* GraphQL */ `
  query Incident($id: ID!) {
    incident(id: $id) {
      id
      status
      closedAt
      updates {
        status
        message
      }
      organizations {
        organizationId
        notifications
        delivered
        notifiedAt
        deliveries
        failedDeliveries
        lastError
      }
    }
  }
`;

const ORGANIZATION_INCIDENTS = /* GraphQL */ `
  query OrganizationIncidents($organizationId: ID!) {
    incidents(organizationId: $organizationId) {
      id
      title
      severity
      status
      updates {
        status
        message
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: IncidentUpdateInput!) {
    updateIncident(id: $id, input: $input) {
      status
      severity
    }
  }
`;

const CLOSE = /* GraphQL */ `
  mutation Close($id: ID!, $message: String!) {
    closeIncident(id: $id, message: $message) {
      status
      closedAt
    }
  }
`;

interface OrganizationState {
  organizationId: string;
  notifications: number;
  delivered: number;
  notifiedAt: string | null;
  deliveries: number;
  failedDeliveries: number;
  lastError: string | null;
}
interface IncidentView {
  incident: { status: string; closedAt: string | null; organizations: OrganizationState[] } | null;
}

const detectedAt = () => new Date(Date.now() - 3600_000).toISOString();
const incidentCount = async () =>
  Number((await db.query('select count(*) from audit.incidents')).rows[0].count);

async function declare(input: Record<string, unknown>, token = operatorToken) {
  return stack.graphql<{ declareIncident: { id: string; notifyBy: string } }>(
    DECLARE,
    {
      input: {
        title: 'Unauthorised access',
        description: 'A key leaked.\nRotated.',
        severity: 'HIGH',
        detectedAt: detectedAt(),
        ...input,
      },
    },
    token,
  );
}

describe('an incident affecting two of three organizations', () => {
  let incidentId: string;

  beforeAll(async () => {
    failOnce.add(b.email);
    const declared = await declare({ organizationIds: [a.organizationId, b.organizationId] });
    expect(declared.errors).toBeUndefined();
    incidentId = declared.data!.declareIncident.id;
    expect(declared.data!.declareIncident).toMatchObject({
      status: 'INVESTIGATING',
      allOrganizations: false,
    });
    // 24 hours from detection by default.
    const notifyBy = Date.parse(declared.data!.declareIncident.notifyBy);
    expect(notifyBy - Date.parse(detectedAt())).toBeGreaterThan(23 * 3600_000);
  });

  it("mails A's and B's admins (B's after one failed attempt, retried), and not C's", async () => {
    await waitFor(
      async () => incidentMails(a.email).length === 1 && incidentMails(b.email).length === 1,
      'the mails',
    );
    expect(incidentMails(a.email)[0]).toMatchObject({
      subject: '[Security incident] Unauthorised access',
      organizationId: a.organizationId,
    });
    expect(incidentMails(a.email)[0]!.text).toContain('A key leaked.');
    expect(incidentMails(c.email)).toEqual([]);
  });

  it('shows the operator, per organization, whether and when it was notified, with every delivery', async () => {
    const view = await waitFor(async () => {
      const result = await stack.graphql<IncidentView>(INCIDENT, { id: incidentId }, operatorToken);
      const organizations = result.data?.incident?.organizations ?? [];
      return organizations.length === 2 && organizations.every((o) => o.notifiedAt) && organizations;
    }, 'the notifications recorded');
    const byId = new Map(view.map((o) => [o.organizationId, o]));
    expect(byId.get(a.organizationId)).toMatchObject({
      notifications: 1,
      delivered: 1,
      deliveries: 1,
      failedDeliveries: 0,
    });
    expect(byId.get(b.organizationId)).toMatchObject({
      notifications: 1,
      delivered: 1,
      deliveries: 1,
      failedDeliveries: 1,
      lastError: null,
    });
    expect(byId.has(c.organizationId)).toBe(false);
  });

  it("lets A's admin read it, and neither C's admin nor A's plain member", async () => {
    const asA = await stack.graphql<{ incidents: { id: string }[] }>(
      ORGANIZATION_INCIDENTS,
      { organizationId: a.organizationId },
      a.token,
    );
    expect(asA.errors).toBeUndefined();
    expect(asA.data!.incidents).toEqual([
      expect.objectContaining({
        id: incidentId,
        title: 'Unauthorised access',
        updates: [expect.objectContaining({ status: 'INVESTIGATING' })],
      }),
    ]);
    const ownOfC = await stack.graphql<{ incidents: unknown[] }>(
      ORGANIZATION_INCIDENTS,
      { organizationId: c.organizationId },
      c.token,
    );
    expect(ownOfC.data!.incidents).toEqual([]);
    const cAboutA = await stack.graphql(
      ORGANIZATION_INCIDENTS,
      { organizationId: a.organizationId },
      c.token,
    );
    expect(cAboutA.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const member = await join(
      stack,
      a.token,
      { organizationId: a.organizationId, role: 'MEMBER' },
      'incident-member',
    );
    const asMember = await stack.graphql(
      ORGANIZATION_INCIDENTS,
      { organizationId: a.organizationId },
      member.token,
    );
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An organization admin is not an operator.
    const asAdmin = await stack.graphql(INCIDENT, { id: incidentId }, a.token);
    expect(asAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("records the declaration in the system chain and in A's and B's chains, not C's", async () => {
    const { rows } = await db.query<{ metadata: { organizations: string[] } }>(
      `select metadata from audit.system_events where action = 'incident.declare' and metadata->>'incidentId' = $1`,
      [incidentId],
    );
    expect(rows[0]!.metadata.organizations.sort()).toEqual([a.organizationId, b.organizationId].sort());
    const chained = await db.query<{ organization_id: string }>(
      `select organization_id from audit.events where action = 'incident.declare' and target_id = $1`,
      [incidentId],
    );
    expect(chained.rows.map((r) => r.organization_id).sort()).toEqual(
      [a.organizationId, b.organizationId].sort(),
    );
  });

  it('mails an update and the closing, then refuses changes to a closed incident with CONFLICT', async () => {
    const updated = await stack.graphql(
      UPDATE,
      { id: incidentId, input: { status: 'IDENTIFIED', message: 'Cause found.', severity: 'CRITICAL' } },
      operatorToken,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateIncident: { status: 'IDENTIFIED', severity: 'CRITICAL' } });
    const closed = await stack.graphql<{ closeIncident: { status: string; closedAt: string } }>(
      CLOSE,
      { id: incidentId, message: 'Resolved.' },
      operatorToken,
    );
    expect(closed.data?.closeIncident.status).toBe('RESOLVED');
    await waitFor(
      async () => incidentMails(a.email).length === 3 && incidentMails(b.email).length === 3,
      'the update mails',
    );
    // The mailbox names files by millisecond: two mails of one millisecond list in either order.
    expect(
      incidentMails(a.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      '[Incident resolved] Unauthorised access',
      '[Incident update] Unauthorised access',
      '[Security incident] Unauthorised access',
    ]);
    const again = await stack.graphql(CLOSE, { id: incidentId, message: 'Again.' }, operatorToken);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INCIDENT_CLOSED' });
    const asA = await stack.graphql<{ incidents: { status: string; updates: unknown[] }[] }>(
      ORGANIZATION_INCIDENTS,
      { organizationId: a.organizationId },
      a.token,
    );
    expect(asA.data!.incidents[0]).toMatchObject({ status: 'RESOLVED' });
    expect(asA.data!.incidents[0]!.updates).toHaveLength(3);
  });
});

describe('declaring', () => {
  it('refuses non-operators with FORBIDDEN (UNAUTHENTICATED without a session), and records nothing', async () => {
    const before = await incidentCount();
    const asAdmin = await declare({ organizationIds: [a.organizationId] }, a.token);
    expect(asAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await stack.graphql(DECLARE, {
      input: {
        title: 't',
        description: 'd',
        severity: 'LOW',
        detectedAt: detectedAt(),
        allOrganizations: true,
      },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await incidentCount()).toBe(before);
  });

  it.each([
    [
      'both a list and all',
      { organizationIds: ['00000000-0000-4000-8000-000000000001'], allOrganizations: true },
      'input.organizationIds',
    ],
    ['neither a list nor all', {}, 'input.organizationIds'],
    [
      'an organization that does not exist',
      { organizationIds: ['00000000-0000-4000-8000-000000000001'] },
      'input.organizationIds',
    ],
    [
      'a detection in the future',
      { allOrganizations: true, detectedAt: new Date(Date.now() + 86_400_000).toISOString() },
      'input.detectedAt',
    ],
    ['an empty title', { allOrganizations: true, title: ' ' }, 'input.title'],
  ])('refuses %s with BAD_USER_INPUT, recording nothing', async (_what, input, field) => {
    const before = await incidentCount();
    const result = await declare(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await incidentCount()).toBe(before);
  });

  it('takes parallel updates of one incident one after the other, each mailed', async () => {
    const declared = await declare({ organizationIds: [a.organizationId], title: 'Parallel' });
    const id = declared.data!.declareIncident.id;
    const updates = await Promise.all(
      ['one', 'two', 'three', 'four'].map((message) =>
        stack.graphql(UPDATE, { id, input: { status: 'MONITORING', message } }, operatorToken),
      ),
    );
    expect(updates.every((u) => u.errors === undefined)).toBe(true);
    const { rows } = await db.query<{ sequence: number }>(
      'select sequence from audit.incident_updates where incident_id = $1 order by sequence',
      [id],
    );
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    await waitFor(
      async () => incidentMails(a.email).filter((m) => m.subject.endsWith('Parallel')).length === 5,
      'five mails',
    );
  });

  it('answers NOT_FOUND for an unknown incident id', async () => {
    const result = await stack.graphql(
      UPDATE,
      { id: '00000000-0000-4000-8000-000000000002', input: { status: 'MONITORING', message: 'x' } },
      operatorToken,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('alerts (error log) while a notification is undelivered near its deadline, and keeps retrying', async () => {
    failAlways.add(c.email);
    try {
      // Detected 23 hours ago: the deadline is an hour away, within the alert window (6 of 24 hours).
      const declared = await declare({
        organizationIds: [c.organizationId],
        title: 'Late detection',
        detectedAt: new Date(Date.now() - 23 * 3600_000).toISOString(),
      });
      expect(declared.errors).toBeUndefined();
      const id = declared.data!.declareIncident.id;
      await waitFor(
        async () =>
          logLines.some(
            (line) =>
              line.includes('"level":50') &&
              line.includes('near (or past) its deadline') &&
              line.includes(id),
          ),
        'the deadline alert',
      );
      const failing = await waitFor(async () => {
        const result = await stack.graphql<IncidentView>(INCIDENT, { id }, operatorToken);
        const state = result.data?.incident?.organizations[0];
        return state && state.failedDeliveries >= 2 && state;
      }, 'two failed attempts');
      expect(failing).toMatchObject({
        delivered: 0,
        notifiedAt: null,
        lastError: expect.stringContaining('550'),
      });
      // Metrics to alert on: failures counted (B's one, C's two), C still owed near the deadline.
      const metrics = await scrape(stack.subgraphs.audit!.url);
      expect(seriesSum(metrics, 'steward_incident_notification_failures_total')).toBeGreaterThanOrEqual(3);
      expect(seriesSum(metrics, 'steward_incident_notifications_near_deadline')).toBeGreaterThanOrEqual(1);
    } finally {
      failAlways.delete(c.email);
    }
    await waitFor(
      async () => incidentMails(c.email).some((m) => m.subject === '[Security incident] Late detection'),
      'the late mail, once the mailbox accepts it',
    );
  });

  it('addresses an incident for all organizations to every one of them', async () => {
    const declared = await declare({ allOrganizations: true, title: 'Region outage' });
    expect(declared.errors).toBeUndefined();
    for (const admin of [a, b, c]) {
      await waitFor(
        async () => incidentMails(admin.email).some((m) => m.subject === '[Security incident] Region outage'),
        `the mail to ${admin.email}`,
      );
    }
    const asC = await stack.graphql<{ incidents: { title: string }[] }>(
      ORGANIZATION_INCIDENTS,
      { organizationId: c.organizationId },
      c.token,
    );
    // Newest first; never the incident of A and B.
    expect(asC.data!.incidents.map((i) => i.title)).toEqual(['Region outage', 'Late detection']);
  });
});
