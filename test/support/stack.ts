import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../subgraphs/kit/logger.ts';
import { startStack, type RunningStack } from '../../scripts/lib/stack.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { testEnvironment } from './test-env.ts';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestStack extends RunningStack {
  url: string;
  /** POSTs an operation to the gateway; `token` becomes the bearer token. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  /** Signs in through the development sign-in and returns the session token and user id. */
  signIn(email: string): Promise<{ token: string; userId: string }>;
}

/** The real stack (four subgraphs and the gateway, in this process) on free ports. */
export async function startTestStack(options: { production?: boolean } = {}): Promise<TestStack> {
  const env = testEnvironment();
  const stack = await startStack({
    databaseUrl: env.databaseUrl,
    dbSecret: env.dbSecret,
    keys: env,
    logger: createLogger('test', (process.env.LOG_LEVEL as 'info' | undefined) ?? 'silent'),
    production: options.production ?? false,
    supergraphSdl: readSupergraph(),
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
  return { ...stack, url, graphql, signIn };
}

/** A unique email, so test files sharing the database never collide. */
export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@steward.test`;

/** A superuser connection to the test database, for catalog checks and row counts. */
export async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testEnvironment().databaseUrl });
  await client.connect();
  return client;
}
