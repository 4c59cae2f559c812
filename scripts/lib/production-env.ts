import { randomBytes } from 'node:crypto';
import { GATEWAY_ROLE, rolePassword, rolesOf, SUBGRAPHS } from '../../platform/database.ts';
import { generateStewardKeys } from '../../platform/internal-token.ts';

/** One variable of the production .env: its value and the comment written above it. */
export interface EnvEntry {
  name: string;
  value: string;
  comment: string;
}

/** The variable holding a service's database role password, e.g. STEWARD_IDENTITY_DB_PASSWORD. */
export const dbPasswordVariableOf = (service: string) => `STEWARD_${service.toUpperCase()}_DB_PASSWORD`;
/** The variable holding a subgraph's service key, e.g. IDENTITY_SERVICE_PRIVATE_KEY. */
export const serviceKeyVariableOf = (subgraph: string) => `${subgraph.toUpperCase()}_SERVICE_PRIVATE_KEY`;

const secret = () => randomBytes(32).toString('hex');
/** One line per key: `\n` for newlines, read back by platform/config.ts's Pem. */
const oneLine = (pem: string) => pem.trim().replaceAll('\n', '\\n');

/**
 * Every secret and key a production deployment needs, freshly generated. The database role
 * passwords derive from STEWARD_DB_SECRET as `npm run migrate` sets them, so that each service
 * gets its own role's URL and nothing else.
 */
export function generateProductionEnv(): EnvEntry[] {
  const keys = generateStewardKeys([...SUBGRAPHS]);
  const dbSecret = secret();
  const roles = [
    { service: 'gateway', role: GATEWAY_ROLE },
    ...SUBGRAPHS.map((name) => ({ service: name, role: rolesOf(name).runtime })),
  ];
  return [
    {
      name: 'POSTGRES_PASSWORD',
      value: secret(),
      comment: "PostgreSQL superuser's password (docker-compose's postgres); only the migration step uses it",
    },
    {
      name: 'STEWARD_DB_SECRET',
      value: dbSecret,
      comment: 'Every Steward database role password derives from it; only the migration step needs it',
    },
    ...roles.map(({ service, role }) => ({
      name: dbPasswordVariableOf(service),
      value: rolePassword(dbSecret, role),
      comment: `Password of ${role}, the role ${service} connects as (derived from STEWARD_DB_SECRET)`,
    })),
    {
      name: 'STEWARD_INTERNAL_PRIVATE_KEY',
      value: oneLine(keys.privateKeyPem),
      comment: "Gateway's Ed25519 key (PKCS8 PEM) signing internal tokens to the subgraphs",
    },
    {
      name: 'STEWARD_INTERNAL_PUBLIC_KEY',
      value: oneLine(keys.publicKeyPem),
      comment: 'Its public key (SPKI PEM): every subgraph verifies the gateway with it',
    },
    ...SUBGRAPHS.map((name) => ({
      name: serviceKeyVariableOf(name),
      value: oneLine(keys.services[name]!.privateKeyPem),
      comment: `${name}'s own Ed25519 key, for its calls to other subgraphs (its STEWARD_SERVICE_PRIVATE_KEY)`,
    })),
    {
      name: 'STEWARD_SERVICE_PUBLIC_KEYS',
      value: JSON.stringify(
        Object.fromEntries(SUBGRAPHS.map((name) => [name, keys.services[name]!.publicKeyPem])),
      ),
      comment: 'JSON, subgraph name to public key: which services may call a subgraph',
    },
    {
      name: 'STEWARD_AUDIT_SIGNING_KEY',
      value: oneLine(keys.auditSigning.privateKeyPem),
      comment: 'Ed25519 key signing audit retention checkpoints',
    },
    {
      name: 'STEWARD_CERTIFICATE_SIGNING_KEY',
      value: oneLine(keys.certificateSigning.privateKeyPem),
      comment: 'Ed25519 key signing certificates of destruction',
    },
    {
      name: 'STEWARD_CERTIFICATE_PUBLIC_KEY',
      value: oneLine(keys.certificateSigning.publicKeyPem),
      comment:
        'Its public key: publish it; anyone verifies a certificate with it (npm run verify-certificate)',
    },
    {
      name: 'STEWARD_KEY_ENCRYPTION_KEY',
      value: randomBytes(32).toString('base64'),
      comment:
        'Key-encryption key (32 bytes, base64), every subgraph: wraps the subjects’ data keys and organizations’ SSO client secrets',
    },
    {
      name: 'STEWARD_LIFECYCLE_SECRET',
      value: secret(),
      comment: 'HMAC key of export download links',
    },
    {
      name: 'AUDIT_STREAM_KEY',
      value: randomBytes(32).toString('base64'),
      comment: "AES-256-GCM key sealing audit streams' signing secrets",
    },
    {
      name: 'STEWARD_FACTOR_KEY',
      value: randomBytes(32).toString('base64'),
      comment: 'AES-256-GCM key sealing second-factor secrets (TOTP) and keying recovery-code hashes',
    },
    {
      name: 'STEWARD_BACKUP_KEY',
      value: randomBytes(32).toString('base64'),
      comment:
        'AES-256-GCM key of the database backups (keep a copy outside the blob store: no key, no restore)',
    },
    {
      name: 'SMTP_URL',
      value: 'smtp://user:password@smtp.example.com:587',
      comment: 'EDIT: your SMTP server (sign-in codes, invitations); or STEWARD_MAIL_TRANSPORT=mailbox',
    },
    {
      name: 'STEWARD_MAIL_FROM',
      value: 'Steward <no-reply@example.com>',
      comment: 'EDIT: the sender of every mail',
    },
    {
      name: 'WEBAUTHN_RP_ID',
      value: 'example.com',
      comment:
        'EDIT: the domain passkeys are bound to (never change it later: every passkey would stop working)',
    },
    {
      name: 'WEBAUTHN_ORIGINS',
      value: 'https://app.example.com',
      comment: "EDIT: the front ends' origins, comma-separated, on WEBAUTHN_RP_ID or its subdomains",
    },
  ];
}

/** The .env text: a comment line above each variable, values unquoted (keys are one line each). */
export function formatEnvFile(entries: EnvEntry[], generatedAt = new Date()): string {
  const header = [
    `# Steward production secrets, generated by \`npm run keys\` at ${generatedAt.toISOString()}.`,
    '# Keep this file secret (mode 0600). Edit the lines marked EDIT; .env.example explains every variable.',
  ];
  return [...header, ...entries.flatMap((e) => ['', `# ${e.comment}`, `${e.name}=${e.value}`]), ''].join(
    '\n',
  );
}
