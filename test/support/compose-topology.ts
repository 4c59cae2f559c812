import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GATEWAY_ROLE, rolePassword, rolesOf, SUBGRAPHS } from '../../platform/database.ts';
import { dbPasswordVariableOf } from '../../scripts/lib/production-env.ts';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  volumes?: string[];
}

/** docker-compose.yml as Compose reads it (YAML merge keys included), before interpolation. */
export function readCompose(path: string | URL): Record<string, ComposeService> {
  const file = parse(readFileSync(path, 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  return file.services;
}

/**
 * Compose's interpolation of one value: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}` and `$$`. A required variable that is missing throws.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^{}]|\{[^{}]*\})*))?\}/g,
    (match, name: string | undefined, colon: string, kind: string, operand: string) => {
      if (match === '$$') return '$';
      const value = vars[name!];
      const unset = value === undefined || (colon === ':' && value === '');
      if (!kind) return value ?? '';
      if (kind === '-') return unset ? operand : value!;
      if (unset) throw new Error(`${name} is required by docker-compose.yml: ${operand}`);
      return value!;
    },
  );
}

/** The environment Compose gives a service, with `vars` standing in for .env. */
export function environmentOf(
  service: ComposeService,
  vars: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), vars),
    ]),
  );
}

export interface Loopback {
  /** Compose service name → the loopback port it listens on instead. */
  ports: Record<string, number>;
  /** What the `postgres` host's database becomes: the test database's URL. */
  databaseUrl: string;
  /** Container paths (volumes) → local folders. */
  paths: Record<string, string>;
}

/**
 * The same environment on one machine: service host names become 127.0.0.1 on their own free
 * ports, the `postgres` host the test database (the role and its password stay as given), and
 * volume paths local folders. Nothing is added or dropped.
 */
export function onLoopback(
  serviceName: string,
  env: Record<string, string>,
  loopback: Loopback,
): Record<string, string> {
  const local = (value: string) =>
    value.replace(/\bhttp:\/\/([a-z]+):\d+/g, (match, host: string) =>
      loopback.ports[host] ? `http://127.0.0.1:${loopback.ports[host]}` : match,
    );
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      if (name === 'PORT') return [name, String(loopback.ports[serviceName])];
      if (name === 'HOST') return [name, '127.0.0.1'];
      if (name === 'DATABASE_URL') {
        const url = new URL(value);
        if (url.hostname !== 'postgres') return [name, value];
        const test = new URL(loopback.databaseUrl);
        url.host = test.host;
        url.pathname = test.pathname;
        return [name, url.toString()];
      }
      return [name, loopback.paths[value] ?? local(value)];
    }),
  );
}

/**
 * The role passwords of the test cluster: its roles were created from the test secret, as
 * `migrate` creates them from .env's STEWARD_DB_SECRET in a deployment.
 */
export function testClusterPasswords(dbSecret: string): Record<string, string> {
  const roles = [
    { service: 'gateway', role: GATEWAY_ROLE },
    ...SUBGRAPHS.map((name) => ({ service: name, role: rolesOf(name).runtime })),
  ];
  return Object.fromEntries(
    roles.map(({ service, role }) => [dbPasswordVariableOf(service), rolePassword(dbSecret, role)]),
  );
}
