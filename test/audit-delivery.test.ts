import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { fanOutCopyId, PLATFORM_CHAIN_ID } from '../subgraphs/audit/src/ingest/fan-out-id.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  AUDIT_CHAIN,
  AUDIT_EVENTS_PAGE,
  CREATE_ORGANIZATION,
  adminWithOrganization,
  eventsOf,
  startSubgraphAgain,
  stopSubgraph,
  waitFor,
  type AuditEventsPage,
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

const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($organizationId: ID!, $name: String!) {
    createApiKey(organizationId: $organizationId, name: $name, scopes: ["projects:read"]) {
      apiKey {
        id
      }
    }
  }
`;

const keysNamed = async (organizationId: string, name: string) =>
  (await eventsOf(db, organizationId, 'identity.api_key.created')).filter((e) => e.metadata?.name === name);

const createKey = async (token: string, organizationId: string, name: string) => {
  const result = await stack.graphql(CREATE_API_KEY, { organizationId, name }, token);
  expect(result.errors).toBeUndefined();
};

describe('delivery from the outboxes to the audit chain', () => {
  it('turns each audited mutation into exactly one event, with actor, IP and device', async () => {
    const email = uniqueEmail('audit-one');
    const first = await stack.signIn(email);
    // The first sign-in came before any organization: it is kept in the platform chain.
    const platform = await waitFor(async () => {
      const rows = await db.query(
        `select id from audit.events where organization_id = $1 and actor_id = $2 and action = 'identity.sign_in.succeeded'`,
        [PLATFORM_CHAIN_ID, first.userId],
      );
      return rows.rowCount ? rows.rows : undefined;
    }, 'the first sign-in in the platform chain');
    expect(platform).toHaveLength(1);
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Audited Co' },
      first.token,
    );
    const admin = { userId: first.userId, organizationId: created.data!.createOrganization.id };

    // A second sign-in is the user's own event: fanned out to the organization they now belong to.
    const again = await stack.signIn(email);
    await createKey(again.token, admin.organizationId, 'audited key');

    const signIns = await waitFor(async () => {
      const result = await stack.graphql<AuditEventsPage>(
        AUDIT_EVENTS_PAGE,
        { organizationId: admin.organizationId, filter: { actionPrefix: 'identity.' } },
        again.token,
      );
      const edges = result.data?.auditEvents.edges ?? [];
      return edges.length >= 2 ? edges : undefined;
    }, 'the sign-in and the key creation');
    expect(signIns.map((e) => e.node.action).sort()).toEqual([
      'identity.api_key.created',
      'identity.sign_in.succeeded',
    ]);
    const signIn = signIns.find((e) => e.node.action === 'identity.sign_in.succeeded')!.node;
    expect(signIn).toMatchObject({
      outcome: 'SUCCESS',
      actor: { type: 'USER', id: admin.userId, ip: expect.any(String), deviceType: 'DESKTOP' },
      target: { type: 'User', id: admin.userId },
    });
    expect(signIn.actor.userAgent).toContain('Chrome');
    const keyCreated = signIns.find((e) => e.node.action === 'identity.api_key.created')!.node;
    expect(keyCreated.actor).toMatchObject({ type: 'USER', id: admin.userId, ip: expect.any(String) });
    expect(await keysNamed(admin.organizationId, 'audited key')).toHaveLength(1);
    // Tenancy's own event for the organization, delivered from its outbox.
    const organizationCreated = await waitFor(async () => {
      const found = await eventsOf(db, admin.organizationId, 'tenancy.organization.created');
      return found.length ? found : undefined;
    }, 'the organization event');
    expect(organizationCreated).toHaveLength(1);
    expect(organizationCreated[0]).toMatchObject({ actor_id: admin.userId, actor_ip: expect.any(String) });
  });

  it('records nothing for a mutation that rolls back', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('audit-rollback'));
    // Both fields go to identity in one request; the second fails, so the first rolls back too.
    const failed = await stack.graphql(
      /* GraphQL */ `
        mutation RolledBack($organizationId: ID!, $missing: ID!) {
          createApiKey(organizationId: $organizationId, name: "rolled back", scopes: ["projects:read"]) {
            apiKey {
              id
            }
          }
          revokeApiKey(id: $missing) {
            id
          }
        }
      `,
      { organizationId: admin.organizationId, missing: randomUUID() },
      admin.token,
    );
    expect(failed.errors?.length).toBeGreaterThan(0);
    // Delivery keeps outbox order: once a later event has arrived, an earlier one would have too.
    await createKey(admin.token, admin.organizationId, 'after the rollback');
    await waitFor(
      async () => (await keysNamed(admin.organizationId, 'after the rollback')).length > 0,
      'later event',
    );
    expect(await keysNamed(admin.organizationId, 'rolled back')).toEqual([]);
    const outbox = await db.query(
      `select 1 from identity.audit_outbox where organization_id = $1 and event->'metadata'->>'name' = 'rolled back'`,
      [admin.organizationId],
    );
    expect(outbox.rowCount).toBe(0);
  });

  it('delivers what committed while the audit subgraph was down, once each', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('audit-down'));
    const port = await stopSubgraph(stack, 'audit');
    const names = Array.from({ length: 6 }, (_, i) => `while down ${i}`);
    try {
      // Audit being down blocks no action: the mutations commit, their events wait in the outbox.
      // (Other test files' relays share this database and may deliver them meanwhile, to their own
      // audit subgraph: test/audit-relay.test.ts checks the wait with an outbox of its own.)
      for (const name of names) await createKey(admin.token, admin.organizationId, name);
      await stack.signIn(admin.email);
      const recorded = await db.query(
        `select count(*)::int as n from identity.audit_outbox
          where event->'metadata'->>'name' like 'while down %' and organization_id = $1`,
        [admin.organizationId],
      );
      expect(recorded.rows[0].n).toBe(names.length);
    } finally {
      await startSubgraphAgain(stack, 'audit', port);
    }

    const delivered = await waitFor(async () => {
      const events = (await eventsOf(db, admin.organizationId, 'identity.api_key.created')).filter((e) =>
        String(e.metadata?.name).startsWith('while down'),
      );
      return events.length >= names.length ? events : undefined;
    }, 'the events recorded while audit was down');
    await waitFor(async () => {
      const pending = await db.query(
        `select 1 from identity.audit_outbox where delivered_at is null and organization_id = $1`,
        [admin.organizationId],
      );
      return pending.rowCount === 0;
    }, 'an empty outbox');
    expect(delivered.map((e) => e.metadata?.name).sort()).toEqual(names);
    const chain = await stack.graphql<ChainResult>(
      AUDIT_CHAIN,
      { organizationId: admin.organizationId },
      admin.token,
    );
    expect(chain.data?.auditChain).toMatchObject({ valid: true, brokenAt: null });
  });

  it('dedupes a redelivered event, fanned-out copies included', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('audit-redelivery'));
    await createKey(admin.token, admin.organizationId, 'delivered twice');
    const signIn = await stack.signIn(admin.email);
    const [created] = await waitFor(async () => {
      const found = await keysNamed(admin.organizationId, 'delivered twice');
      return found.length ? found : undefined;
    }, 'the key event');
    const [outboxSignIn] = (
      await db.query<{ id: string }>(
        `select id from identity.audit_outbox where event->'metadata'->>'sessionId' is not null
           and event->'actor'->>'id' = $1 order by occurred_at desc limit 1`,
        [signIn.userId],
      )
    ).rows;
    const copyId = fanOutCopyId(outboxSignIn!.id, admin.organizationId);
    await waitFor(
      async () => (await db.query('select 1 from audit.events where id = $1', [copyId])).rowCount,
      'copy',
    );

    // As if the relay's commit had failed after the audit subgraph stored them: sent again.
    await db.query(`update identity.audit_outbox set delivered_at = null where id = any($1::uuid[])`, [
      [created!.id, outboxSignIn!.id],
    ]);
    await waitFor(async () => {
      const { rows } = await db.query(
        `select count(*)::int as n from identity.audit_outbox where id = any($1::uuid[]) and delivered_at is not null`,
        [[created!.id, outboxSignIn!.id]],
      );
      return rows[0].n === 2;
    }, 'redelivery');
    expect(await keysNamed(admin.organizationId, 'delivered twice')).toHaveLength(1);
    const copies = await db.query('select sequence from audit.events where id = $1', [copyId]);
    expect(copies.rowCount).toBe(1);
    const chain = await stack.graphql<ChainResult>(
      AUDIT_CHAIN,
      { organizationId: admin.organizationId },
      admin.token,
    );
    expect(chain.data?.auditChain).toMatchObject({ valid: true, brokenAt: null });
  });
});
