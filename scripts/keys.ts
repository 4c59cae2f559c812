// npm run keys [-- --out <file>]: writes a complete production .env with every secret and key
// freshly generated (mode 0600), and refuses to overwrite an existing one.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatEnvFile, generateProductionEnv } from './lib/production-env.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.env' } } });
const file = values.out!;
try {
  // 'wx': fails when the file exists, atomically; the mode applies as the file is created.
  writeFileSync(file, formatEnvFile(generateProductionEnv()), { flag: 'wx', mode: 0o600 });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  console.error(`${file} exists: not overwritten (move it away to generate new keys)`);
  process.exit(1);
}
console.log(
  `${file} written (mode 0600). Edit SMTP_URL, STEWARD_MAIL_FROM, WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS, then: docker compose up -d`,
);
