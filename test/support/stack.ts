import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, type Mail } from '../../subgraphs/runtime/mailer.ts';
import { withoutIpLimits } from './sign-in.ts';
import type { RateLimitOptions } from '../../gateway/src/rate-limit.ts';
import type { IdentityOptions } from '../../subgraphs/identity/src/options.ts';
import type { TenancyOptions } from '../../subgraphs/tenancy/src/options.ts';
import pg from 'pg';
import { createLogger } from '../../platform/logger.ts';
import { migrateAll, startStack, type RunningStack, type StackOptions } from '../../scripts/lib/stack.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { testEnvironment } from './test-env.ts';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface TestStack extends RunningStack {
  url: string;
  /** POSTs an operation to the gateway; `token` becomes the bearer token. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  /** The folder the test stack's mail is written to, one JSON file per message. */
  mailbox: string;
  /** The messages sent to `to`, oldest first. */
  mails(to: string): Mail[];
  /** Signs in through the development sign-in and returns the session token and user id. */
  signIn(email: string): Promise<{ token: string; userId: string }>;
}

export interface TestStackOptions {
  production?: boolean;
  rateLimit?: RateLimitOptions;
  /** Identity overrides: a movable clock, OIDC providers. The mailer always writes to `mailbox`. */
  identity?: Partial<IdentityOptions>;
  /** Tenancy overrides: a movable clock (invitation expiry). The mailer always writes to `mailbox`. */
  tenancy?: Partial<TenancyOptions>;
  gateway?: StackOptions['gateway'];
  /** Lifecycle overrides: grace period, job lease and poll, retention sweep. */
  lifecycle?: StackOptions['lifecycle'];
  /** Audit overrides: the database administration audit's interval. */
  audit?: StackOptions['audit'];
  /** Collects every log line (JSON) of the stack, at debug level. */
  logLines?: string[];
  /** Another database than the shared one (see createIsolatedDatabase). */
  databaseUrl?: string;
  /** Connections in each subgraph's database pool. */
  poolMax?: number;
  /** The key-encryption key (and retired ones) instead of development's. */
  keyEncryptionKey?: StackOptions['keyEncryptionKey'];
  /** How long each subgraph serves an unwrapped data key from memory (0: a destruction is seen at once). */
  keyCacheMs?: number;
}

function collectInto(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
}

/** A fresh database on the test server, with roles and migrations, for a test that breaks things. */
export async function createIsolatedDatabase(): Promise<string> {
  const env = testEnvironment();
  const url = new URL(env.databaseUrl);
  const name = `steward_isolated_${randomUUID().slice(0, 8)}`;
  const admin = await adminClient();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  await migrateAll({ databaseUrl: url.toString(), dbSecret: env.dbSecret }, readSupergraph());
  return url.toString();
}

/** Test stacks' lifecycle jobs: retried after 1 s, doubling to 5 s, for an hour. */
const TEST_JOB_RETRY = { delaySeconds: 1, maxDelaySeconds: 5, hours: 1 };

/** The real stack (four subgraphs and the gateway, in this process) on free ports. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const env = testEnvironment();
  const mailbox = mkdtempSync(join(tmpdir(), 'steward-mailbox-'));
  const mailer = createMailer({ mailboxDir: mailbox });
  const stack = await startStack({
    databaseUrl: options.databaseUrl ?? env.databaseUrl,
    dbSecret: env.dbSecret,
    keys: env,
    logger: options.logLines
      ? createLogger('test', { level: 'debug', destination: collectInto(options.logLines) })
      : createLogger('test', (process.env.LOG_LEVEL as 'info' | undefined) ?? 'silent'),
    gateway: options.gateway,
    production: options.production ?? false,
    supergraphSdl: readSupergraph(),
    // Every test shares 127.0.0.1 and one database: rate limits only where a test asks for them.
    rateLimit: options.rateLimit ?? null,
    // Every test request comes from 127.0.0.1: the per-IP sign-in limit is lifted unless a test sets it.
    identity: { mailer, bruteForce: withoutIpLimits, ...options.identity },
    tenancy: { mailer, ...options.tenancy },
    // Every test stack works the one shared queue: a job a closing stack abandons is taken up by
    // another within seconds, not the production lease of ten minutes. A failed try is retried
    // within seconds too, not production's minute: a test waits 30 to 45 s for an export, and one
    // transient failure (a busy machine's timeout) must not outlast it. Tests of the retries set theirs.
    lifecycle: { mailer, jobLeaseSeconds: 10, jobs: { retry: TEST_JOB_RETRY }, ...options.lifecycle },
    // Receivers in tests listen on loopback: the explicit allowance no configuration sets.
    audit: { mailer, allowLoopbackReceivers: !(options.production ?? false), ...options.audit },
    poolMax: options.poolMax,
    keyEncryptionKey: options.keyEncryptionKey,
    keyCacheMs: options.keyCacheMs,
  });
  const url = stack.gateway.url;
  const graphql: TestStack['graphql'] = async (query, variables, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  const signIn: TestStack['signIn'] = async (email) => {
    const result = await graphql<{ devSignIn: { token: string; user: { id: string } } }>(
      /* GraphQL */ `
        mutation SignIn($email: String!) {
          devSignIn(email: $email) {
            token
            user {
              id
            }
          }
        }
      `,
      { email },
    );
    if (!result.data?.devSignIn) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
    return { token: result.data.devSignIn.token, userId: result.data.devSignIn.user.id };
  };
  const mails: TestStack['mails'] = (to) =>
    readdirSync(mailbox)
      .sort()
      .map((name) => JSON.parse(readFileSync(join(mailbox, name), 'utf8')) as Mail)
      .filter((mail) => mail.to === to);
  return {
    ...stack,
    url,
    graphql,
    signIn,
    mailbox,
    mails,
    close: async () => {
      await stack.close();
      rmSync(mailbox, { recursive: true, force: true });
    },
  };
}

/** A unique email, so test files sharing the database never collide. */
export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@steward.test`;

/** A superuser connection to the test database, for catalog checks and row counts. */
export async function adminClient(databaseUrl = testEnvironment().databaseUrl): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}
