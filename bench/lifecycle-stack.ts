/**
 * Steward as deployed, one process per service: `node subgraphs/<name>/src/main.ts` for each
 * subgraph and `node gateway/src/main.ts`, configured through their environment only. Each
 * subgraph being a process of its own, the memory and CPU the kernel counts for it are its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/embedded-postgres.ts';
import { supergraphPath } from '../scripts/lib/subgraph-modules.ts';
import { SUBGRAPHS, type SubgraphName } from '../platform/database.ts';
import type { StewardKeys } from '../platform/internal-token.ts';
import { startChild, type Child } from './lib/child.ts';
import { graphql } from './lib/graphql.ts';

const ROOT = join(import.meta.dirname, '..');

export interface StackEnv {
  databaseUrl: string;
  dbSecret: string;
  keys: StewardKeys;
  /** Cores the processes may run on (taskset list). */
  cpus: string;
  /** Extra environment of every subgraph (blob and mail folders, the deletion grace period). */
  env: NodeJS.ProcessEnv;
  /** When set, every process writes a V8 CPU profile there on exit (`--cpu-prof`). */
  profileDir?: string;
  /** NODE_OPTIONS of the subgraphs (V8 heap flags, say); SUBGRAPH_NODE_OPTIONS by default. */
  nodeOptions?: string;
}

/** The subgraphs' NODE_OPTIONS as docker-compose.yml sets them (see the README's configuration). */
export const SUBGRAPH_NODE_OPTIONS = '--max-semi-space-size=4';

export interface RunningStack {
  url: string;
  subgraphs: Record<SubgraphName, Child>;
  gateway: Child;
  /** Pids by process name: identity, tenancy, audit, lifecycle, gateway. */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

export async function startStack(options: StackEnv): Promise<RunningStack> {
  const ports = Object.fromEntries(
    await Promise.all([...SUBGRAPHS, 'gateway'].map(async (name) => [name, await freePort()] as const)),
  ) as Record<SubgraphName | 'gateway', number>;
  const urlOf = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'info',
    DATABASE_URL: options.databaseUrl,
    STEWARD_DB_SECRET: options.dbSecret,
    IDENTITY_URL: urlOf('identity'),
    TENANCY_URL: urlOf('tenancy'),
    AUDIT_URL: urlOf('audit'),
    LIFECYCLE_URL: urlOf('lifecycle'),
  };
  const nodeArgs = (name: string) =>
    options.profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
      : [];
  const servicePublicKeys = JSON.stringify(
    Object.fromEntries(
      Object.entries(options.keys.services).map(([name, pair]) => [name, pair.publicKeyPem]),
    ),
  );
  const started: Child[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, Child>;
    // Started together: each finds the others by URL when it calls them.
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const child = await startChild(
          process.execPath,
          [...nodeArgs(name), join(ROOT, 'subgraphs', name, 'src', 'main.ts')],
          {
            cpus: options.cpus,
            timeoutMs: 120_000,
            readyPattern: /"msg":"(\w+) subgraph ready"/,
            env: {
              ...common,
              ...options.env,
              // Development mode: identity's development sign-in gives the benchmark real sessions.
              NODE_ENV: 'development',
              NODE_OPTIONS: options.nodeOptions ?? SUBGRAPH_NODE_OPTIONS,
              PORT: String(ports[name]),
              STEWARD_INTERNAL_PUBLIC_KEY: options.keys.publicKeyPem,
              STEWARD_SERVICE_PRIVATE_KEY: options.keys.services[name]?.privateKeyPem ?? '',
              STEWARD_SERVICE_PUBLIC_KEYS: servicePublicKeys,
              STEWARD_AUDIT_SIGNING_KEY: options.keys.auditSigning.privateKeyPem,
            },
          },
        );
        started.push(child);
        subgraphs[name] = child;
      }),
    );
    const gateway = await startChild(
      process.execPath,
      [...nodeArgs('gateway'), join(ROOT, 'gateway', 'src', 'main.ts')],
      {
        cpus: options.cpus,
        readyPattern: /"msg":"(gateway) ready"/,
        env: {
          ...common,
          NODE_ENV: 'production',
          PORT: String(ports.gateway),
          STEWARD_INTERNAL_PRIVATE_KEY: options.keys.privateKeyPem,
          SUPERGRAPH_PATH: supergraphPath.pathname,
          // A handful of requests, polling included: no bucket to run dry.
          RATE_LIMIT_PER_MINUTE: '0',
        },
      },
    );
    started.push(gateway);
    return {
      url: `http://127.0.0.1:${ports.gateway}/graphql`,
      subgraphs,
      gateway,
      pids: {
        ...Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].process.pid!])),
        gateway: gateway.process.pid!,
      },
      stop: async () => {
        await gateway.stop();
        await Promise.all(SUBGRAPHS.map((name) => subgraphs[name].stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((child) => child.stop()));
    throw error;
  }
}

export interface Admin {
  token: string;
  userId: string;
  organizationId: string;
}

/** A user signed in through the development sign-in (a real session), admin of a new organization. */
export async function signInAdminOfNewOrganization(url: string, name: string): Promise<Admin> {
  const email = `admin-${randomUUID().slice(0, 8)}@bench.steward.test`;
  const { devSignIn } = await graphql<{ devSignIn: { token: string; user: { id: string } } }>(
    url,
    /* GraphQL */ `
      mutation SignIn($email: String!) {
        devSignIn(email: $email, displayName: "Bench admin") {
          token
          user {
            id
          }
        }
      }
    `,
    { email },
  );
  const { createOrganization } = await graphql<{ createOrganization: { id: string } }>(
    url,
    /* GraphQL */ `
      mutation CreateOrganization($name: String!) {
        createOrganization(name: $name) {
          id
        }
      }
    `,
    { name },
    devSignIn.token,
  );
  return { token: devSignIn.token, userId: devSignIn.user.id, organizationId: createOrganization.id };
}

/**
 * The subgraphs' extra environment for the scenario; `keyEncryptionKey` (base64) wraps the
 * subjects' data keys, the same the seed's sealing uses (lifecycle-seed.ts, sealSeeded).
 */
export const scenarioEnv = (
  blobDir: string,
  mailDir: string,
  keyEncryptionKey: string,
): NodeJS.ProcessEnv => ({
  STEWARD_KEY_ENCRYPTION_KEY: keyEncryptionKey,
  STEWARD_BLOB_DIR: blobDir,
  STEWARD_MAILBOX_DIR: mailDir,
  STEWARD_LIFECYCLE_SECRET: randomBytes(32).toString('hex'),
  // A deletion is due at once (where the deletion feature reads it).
  STEWARD_DELETION_GRACE_PERIOD: 'PT0S',
  // No retention sweep in the middle of a measurement.
  AUDIT_SWEEP_INTERVAL_HOURS: '0',
});
