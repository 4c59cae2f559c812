import { z } from 'zod';
import { isRoleUrl, SUBGRAPHS, type SubgraphName } from './database.ts';
import type { Missing } from './requirements.ts';

/**
 * Parses the environment once with a zod schema. A missing or malformed variable stops the
 * process with a message naming it, instead of a failure somewhere later.
 */
export function loadConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

export const NodeEnv = z.enum(['development', 'test', 'production']).default('development');
export const LogLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');
export const Port = z.coerce.number().int().min(0).max(65535);
/**
 * A PEM key. `\n` written as two characters reads as a newline: `npm run keys` writes each key on
 * one line, which Docker Compose's .env and a Kubernetes Secret made from it both keep as is.
 */
export const Pem = (marker: 'BEGIN PRIVATE KEY' | 'BEGIN PUBLIC KEY') =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.replaceAll('\\n', '\n') : value),
    z.string().includes(marker),
  );
/** A JSON array of SPKI PEM public keys (retired signing keys whose signatures still verify). */
export const PublicKeysJson = z
  .string()
  .default('[]')
  .transform((raw, ctx) => {
    try {
      return z.array(z.string().includes('BEGIN PUBLIC KEY')).parse(JSON.parse(raw));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of SPKI PEM public keys' });
      return z.NEVER;
    }
  });
/** A comma-separated list, blanks dropped: `a, b,,c` → ['a', 'b', 'c']. */
export const CommaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Operation names the `operation` metric label keeps beyond the schema's root fields (metrics.ts). */
export const MetricsOperations = CommaList;

/** What logs do with emails, IPs and user agents: hash (default), drop or keep. */
export const LogPii = z.enum(['hash', 'drop', 'keep']).default('hash');

/** The database secret `npm start` and the tests use; refused in production. */
export const DEVELOPMENT_DB_SECRET = 'steward-development-secret-change-me';

/** The variables every Steward process reads (gateway, subgraphs, `npm start`). */
export const ProcessEnv = z.object({
  NODE_ENV: NodeEnv,
  LOG_LEVEL: LogLevel,
  LOG_PII: LogPii,
  /** OTLP/HTTP collector (e.g. http://collector:4318): tracing is on when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  METRICS_OPERATIONS: MetricsOperations,
  /** Superuser or owner URL, or the process's own role's URL. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Secret from which the per-subgraph database role passwords are derived. */
  STEWARD_DB_SECRET: z.string().min(16).default(DEVELOPMENT_DB_SECRET),
  /** Refusals of one audit event by the audit subgraph before it is kept as a dead letter. */
  AUDIT_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
});

/** Where each subgraph is reached (`IDENTITY_URL`, …); unset: the supergraph's routing URL. */
export const SubgraphUrlsEnv = z.object(
  Object.fromEntries(SUBGRAPHS.map((name) => [subgraphUrlVariable(name), z.url().optional()])) as Record<
    `${Uppercase<SubgraphName>}_URL`,
    z.ZodOptional<z.ZodURL>
  >,
);

function subgraphUrlVariable<T extends SubgraphName>(name: T): `${Uppercase<T>}_URL` {
  return `${name.toUpperCase() as Uppercase<T>}_URL`;
}

/** The subgraph URLs set in the environment, by subgraph name. */
export const subgraphUrlsOf = (env: z.infer<typeof SubgraphUrlsEnv>): Partial<Record<SubgraphName, string>> =>
  Object.fromEntries(
    SUBGRAPHS.flatMap((name) => {
      const url = env[subgraphUrlVariable(name)];
      return url ? [[name, url]] : [];
    }),
  );

/** 32 bytes, base64: a key-encryption key as configured. */
const KeyEncryptionKeyValue = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes in base64 (npm run keys makes one)',
});

/**
 * The key-encryption key that wraps the subjects' data keys and the secrets Steward reads back
 * (platform/crypto/key-encryption-key.ts). Required in production; development uses a fixed one.
 */
export const KeyEncryptionKeyEnv = z.object({
  STEWARD_KEY_ENCRYPTION_KEY: KeyEncryptionKeyValue.optional(),
  /** During a rotation: the keys being retired, still read until `npm run rotate-kek` re-wrapped all. */
  STEWARD_RETIRED_KEY_ENCRYPTION_KEYS: CommaList.pipe(z.array(KeyEncryptionKeyValue)),
});

/** A production process without its key-encryption key stops at boot, naming it. */
export function missingKeyEncryptionKey(env: {
  NODE_ENV?: string;
  STEWARD_KEY_ENCRYPTION_KEY?: string;
}): Missing[] {
  if (env.NODE_ENV !== 'production' || env.STEWARD_KEY_ENCRYPTION_KEY) return [];
  return [
    {
      variable: 'STEWARD_KEY_ENCRYPTION_KEY',
      why: 'the key-encryption key (32 bytes, base64) that wraps the subjects’ data keys and organizations’ SSO client secrets',
    },
  ];
}

/** The variables every subgraph reads. */
export const SubgraphEnv = ProcessEnv.extend({
  ...KeyEncryptionKeyEnv.shape,
  /** Superuser or owner URL; each subgraph derives its own runtime-role URL from it. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Ed25519 public key (SPKI PEM) that verifies the gateway's internal tokens. */
  STEWARD_INTERNAL_PUBLIC_KEY: Pem('BEGIN PUBLIC KEY'),
  /** This subgraph's own Ed25519 key (PKCS8 PEM), for its calls to other subgraphs. */
  STEWARD_SERVICE_PRIVATE_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    Pem('BEGIN PRIVATE KEY').optional(),
  ),
  /** JSON object of subgraph name to public key (SPKI PEM): the services allowed to call this one. */
  STEWARD_SERVICE_PUBLIC_KEYS: z
    .string()
    .default('{}')
    .transform((raw, ctx) => {
      try {
        return z.record(z.string(), z.string().includes('BEGIN PUBLIC KEY')).parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of subgraph name to SPKI PEM' });
        return z.NEVER;
      }
    }),
  ...SubgraphUrlsEnv.shape,
});
export type SubgraphEnv = z.infer<typeof SubgraphEnv>;

/**
 * In production a process connects as its own role: DATABASE_URL names it (what
 * docker-compose.yml and deploy/ give each service), or the role's password derives from a
 * STEWARD_DB_SECRET that is not the development one.
 */
export function missingDatabaseAccess(
  role: string,
  env: { NODE_ENV: string; DATABASE_URL: string; STEWARD_DB_SECRET: string },
): Missing[] {
  if (env.NODE_ENV !== 'production' || isRoleUrl(env.DATABASE_URL, role)) return [];
  if (env.STEWARD_DB_SECRET !== DEVELOPMENT_DB_SECRET) return [];
  return [
    {
      variable: 'STEWARD_DB_SECRET',
      why: `DATABASE_URL does not connect as ${role}; give it as ${role}'s URL, or set the secret its password derives from`,
    },
  ];
}
