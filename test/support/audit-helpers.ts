import type pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { auditEntities, auditMigrations } from '../../subgraphs/audit/src/module.ts';
import { initOrm } from '../../subgraphs/runtime/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { rolesOf, urlForRole, type SubgraphName } from '../../platform/database.ts';
import {
  createInternalTokenSigner,
  privateKeyFromPem,
  serviceIssuerOf,
  trustedIssuersOf,
} from '../../platform/internal-token.ts';
import type { Principal } from '../../platform/principal.ts';
import { startSubgraph, type SubgraphModule } from '../../subgraphs/runtime/subgraph-module.ts';
import { readSupergraph, subgraphModules } from '../../scripts/lib/subgraph-modules.ts';
import { testEnvironment } from './test-env.ts';
import { databaseDiagnostics } from './database-diagnostics.ts';
import type { TestStack } from './stack.ts';
import { AUDIT_EXPORT_PATH } from '../../contracts/audit-log-export.ts';
import type { JsonValue } from '../../platform/canonical-json.ts';
import { openRow } from '../../subgraphs/audit/src/content/content-open.ts';
import { standaloneSealer } from '../../scripts/lib/standalone-sealer.ts';

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}\n${await databaseDiagnostics()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const portOf = (url: string) => Number(new URL(url).port);

/** Stops one subgraph of the stack; its port stays reserved for `startSubgraphAgain`. */
export async function stopSubgraph(stack: TestStack, name: SubgraphName): Promise<number> {
  const running = stack.subgraphs[name]!;
  await running.close();
  return portOf(running.url);
}

/** Starts a subgraph again on `port` (the gateway keeps routing there), as the stack would. */
export async function startSubgraphAgain(
  stack: TestStack,
  name: SubgraphName,
  port: number,
  module: SubgraphModule = moduleNamed(name),
  databaseUrl = testEnvironment().databaseUrl,
): Promise<void> {
  const env = testEnvironment();
  stack.subgraphs[name] = await startSubgraph(module, {
    databaseUrl,
    dbSecret: env.dbSecret,
    trusted: trustedIssuersOf(env),
    servicePrivateKey: privateKeyFromPem(env.services[name]!.privateKeyPem),
    subgraphUrls: (subgraph) => stack.subgraphs[subgraph]?.url,
    logger: createLogger('test', 'silent'),
    port,
  });
}

export function moduleNamed(name: SubgraphName): SubgraphModule {
  const module = subgraphModules({ production: false, supergraphSdl: readSupergraph() }).find(
    (m) => m.name === name,
  );
  if (!module) throw new Error(`No module ${name}`);
  return module;
}

/** Signs an internal token for `subgraph` as the gateway would (any principal) or as a service. */
export async function internalToken(subgraph: SubgraphName, principal: Principal): Promise<string> {
  const env = testEnvironment();
  const signer =
    principal.kind === 'system' && principal.service !== 'gateway'
      ? createInternalTokenSigner(privateKeyFromPem(env.services[principal.service]!.privateKeyPem), {
          issuer: serviceIssuerOf(principal.service),
        })
      : createInternalTokenSigner(privateKeyFromPem(env.privateKeyPem));
  return signer(subgraph, { principal, origin: { requestId: 'test', ip: '192.0.2.7', userAgent: 'jest' } });
}

/** POSTs an operation straight to a subgraph with an internal token. */
export async function callSubgraph<T>(
  stack: TestStack,
  subgraph: SubgraphName,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(stack.subgraphs[subgraph]!.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await internalToken(subgraph, principal)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T | null; errors?: { message: string }[] };
}

/** An admin's principal as the gateway builds it. */
export const adminPrincipal = (userId: string, organizationId: string): Principal => ({
  kind: 'user',
  userId,
  memberships: [{ organizationId, role: 'ADMIN', projects: [] }],
});

export interface StoredEvent {
  id: string;
  sequence: number;
  action: string;
  actor_id: string | null;
  /** Opened (the stored value is sealed under its subject's key), null once erased. */
  actor_ip: string | null;
  actor_user_agent: string | null;
  actor_device_type: string | null;
  /** Opened, like actor_ip. */
  metadata: Record<string, unknown> | null;
  erased: boolean;
}

/** The URL of the database `db` reads, on the test server (an isolated database has its own key store). */
function databaseUrlOfClient(db: pg.Client): string {
  const url = new URL(testEnvironment().databaseUrl);
  url.pathname = `/${encodeURIComponent(db.database ?? '')}`;
  return url.toString();
}

/**
 * An organization's events in chain order, read as superuser (no RLS), their sealed content opened
 * with the test database's key store, as the audit subgraph opens it.
 */
export async function eventsOf(
  db: pg.Client,
  organizationId: string,
  actionPrefix = '',
): Promise<StoredEvent[]> {
  const { rows } = await db.query<Omit<StoredEvent, 'metadata' | 'erased'> & { metadata: JsonValue }>(
    `select id, sequence::int as sequence, action, actor_id, actor_ip, actor_user_agent, actor_device_type, metadata
       from audit.events where organization_id = $1 and starts_with(action, $2) order by sequence`,
    [organizationId, actionPrefix],
  );
  const keys = standaloneSealer(databaseUrlOfClient(db));
  try {
    return await Promise.all(
      rows.map(async (row) => {
        const opened = await openRow(keys.sealer, row);
        const metadata = opened.metadata;
        return {
          ...row,
          actor_ip: opened.actorIp,
          actor_user_agent: opened.actorUserAgent,
          metadata:
            typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata : null,
          erased: opened.erased,
        };
      }),
    );
  } finally {
    await keys.close();
  }
}

export const AUDIT_CHAIN = /* GraphQL */ `
  query AuditChain($organizationId: ID!) {
    auditChain(organizationId: $organizationId) {
      valid
      events
      brokenAt
      headSequence
      headHash
      checkpoint {
        sequence
        hash
        signatureValid
      }
    }
  }
`;

export interface ChainResult {
  auditChain: {
    valid: boolean;
    events: number;
    brokenAt: number | null;
    headSequence: number | null;
    headHash: string | null;
    checkpoint: { sequence: number; hash: string; signatureValid: boolean } | null;
  };
}

export const CREATE_ORGANIZATION = /* GraphQL */ `
  mutation CreateOrganization($name: String!) {
    createOrganization(name: $name) {
      id
    }
  }
`;

/** A signed-in admin and a new organization of theirs. */
export async function adminWithOrganization(stack: TestStack, email: string, name = 'Audited Co') {
  const admin = await stack.signIn(email);
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    CREATE_ORGANIZATION,
    { name },
    admin.token,
  );
  if (!created.data) throw new Error(`createOrganization failed: ${JSON.stringify(created.errors)}`);
  return { ...admin, email, organizationId: created.data.createOrganization.id };
}

export const INGEST = /* GraphQL */ `
  mutation Ingest($events: [AuditEventInput!]!) {
    ingestAuditEvents(events: $events)
  }
`;

/** The audit subgraph's ORM as its runtime role, for tests that call its sweeps and chain checks. */
export function auditRuntimeOrm(): Promise<MikroORM> {
  const env = testEnvironment();
  return initOrm({
    subgraph: 'audit',
    clientUrl: urlForRole(env.databaseUrl, rolesOf('audit').runtime, env.dbSecret),
    entities: auditEntities,
    migrations: auditMigrations,
    poolMax: 2,
  });
}

/** Runs one statement as a superuser who switched the append-only triggers off for the transaction. */
export async function withoutTriggers(db: pg.Client, sql: string, params: unknown[]): Promise<void> {
  await db.query('begin');
  try {
    await db.query(`set local session_replication_role = replica`);
    await db.query(sql, params);
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
}

/** GET of the audit log download (CSV or JSON Lines) straight from the audit subgraph as `principal`. */
export async function auditExportOf(stack: TestStack, principal: Principal, params: Record<string, string>) {
  const url = new URL(AUDIT_EXPORT_PATH, stack.subgraphs.audit!.url);
  url.search = new URLSearchParams(params).toString();
  return fetch(url, { headers: { authorization: `Bearer ${await internalToken('audit', principal)}` } });
}

/** A page of an organization's log with every field of its events, content and `erased` included. */
export const AUDIT_EVENTS_PAGE = /* GraphQL */ `
  query AuditEventsPage($organizationId: ID!, $filter: AuditEventFilter) {
    auditEvents(organizationId: $organizationId, filter: $filter, first: 100) {
      edges {
        node {
          id
          sequence
          occurredAt
          action
          outcome
          actor {
            type
            id
            ip
            userAgent
            deviceType
          }
          target {
            type
            id
          }
          metadata
          erased
          hash
        }
      }
    }
  }
`;

/** An event of AUDIT_EVENTS_PAGE. */
export interface AuditEventNode {
  id: string;
  sequence: number;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: {
    type: string;
    id: string | null;
    ip: string | null;
    userAgent: string | null;
    deviceType: string | null;
  };
  target: { type: string; id: string | null } | null;
  metadata: Record<string, unknown> | null;
  erased: boolean;
  hash: string;
}

export interface AuditEventsPage {
  auditEvents: { edges: { node: AuditEventNode }[] };
}
