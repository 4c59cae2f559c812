import { operatorSession } from './support/operator.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { urlForRole } from '../platform/database.ts';
import { installDatabaseAudit } from '../scripts/lib/database-audit.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { scrape, seriesSum } from './support/metrics.ts';
import { testEnvironment } from './support/test-env.ts';

// A database that forbids event triggers (a managed service whose Steward user is no superuser):
// nothing is installed, the audit subgraph says so at boot, and role changes are still recorded.

let stack: TestStack;
let db: pg.Client;
let databaseUrl: string;
const logLines: string[] = [];
const operatorEmail = uniqueEmail('fallback-operator');
const role = `steward_fallback_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  databaseUrl = await createIsolatedDatabase();
  db = await adminClient(databaseUrl);
  // As if they had never been installed.
  await db.query('drop event trigger steward_ddl_capture');
  await db.query('drop event trigger steward_drop_capture');
  stack = await startTestStack({
    databaseUrl,
    logLines,
    identity: { operators: [operatorEmail] },
    audit: { databaseAuditIntervalMs: 500 },
  });
}, 120_000);
afterAll(async () => {
  await db?.query(`drop role if exists ${role}`);
  await db?.end();
  await stack?.close();
});

describe('without event triggers', () => {
  it('installs nothing for a DATABASE_URL user that is not a superuser, and says why', async () => {
    // The gateway's role: it may connect, and is no superuser.
    const url = urlForRole(databaseUrl, 'steward_gateway', testEnvironment().dbSecret);
    expect(await installDatabaseAudit(url)).toEqual({
      installed: false,
      reason: expect.stringContaining('not a superuser'),
    });
  });

  it('warns at boot that DDL goes unrecorded', async () => {
    const warning = await waitFor(
      async () => logLines.find((line) => line.includes('event triggers not installed')),
      'the boot warning',
    );
    expect(JSON.parse(warning)).toMatchObject({
      level: 40,
      subgraph: 'audit',
      missing: ['steward_ddl_capture', 'steward_drop_capture'],
    });
    const metrics = await scrape(stack.subgraphs.audit!.url);
    expect(seriesSum(metrics, 'steward_database_audit_event_triggers_missing')).toBe(2);
  });

  it('still records a role created outside Steward in the system chain', async () => {
    // After the first comparison (its baseline), so that the role is a change.
    await waitFor(async () => {
      const { rows } = await db.query(
        `select 1 from audit.system_events where action = 'database.role.baseline'`,
      );
      return rows.length > 0;
    }, 'the baseline snapshot');
    await db.query(`create role ${role} nologin`);
    const { token } = await operatorSession(stack, operatorEmail);
    const created = await waitFor(async () => {
      const result = await stack.graphql<{
        systemAuditEvents: { edges: { node: { action: string; metadata: { role?: string } } }[] };
      }>(
        /* GraphQL */ `
          query Roles {
            systemAuditEvents(filter: { source: ROLES }, first: 50) {
              edges {
                node {
                  action
                  metadata
                }
              }
            }
          }
        `,
        {},
        token,
      );
      return result.data?.systemAuditEvents.edges.find(
        (e) => e.node.action === 'database.role.create' && e.node.metadata.role === role,
      );
    }, 'the role in the system chain');
    expect(created.node.action).toBe('database.role.create');
  });
});
