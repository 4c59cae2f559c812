import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publicKeyFromPem } from '../platform/internal-token.ts';
import { keyIdOf } from '../platform/signing-keys.ts';
import { verifyCertificate } from '../subgraphs/lifecycle/src/deletion/certificate.ts';

// npm run verify-certificate -- <certificate.json> [--public-key <file.pem>]
// Checks a certificate of destruction offline, with the public key alone. The file holds what the
// API returns as `certificate` ({ document, signature, keyId }). Exit 0: valid; 1: not; 2: usage.

const USAGE =
  'Usage: npm run verify-certificate -- <certificate.json> [--public-key <file.pem>]\n' +
  '  The key defaults to $STEWARD_DATA_DIR/certificate-public-key.pem (.steward/ for npm start).';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { 'public-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (parsed.values.help || !file || parsed.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const keyFile =
    parsed.values['public-key'] ??
    join(process.env.STEWARD_DATA_DIR ?? '.steward', 'certificate-public-key.pem');
  let certificate: { document?: unknown; signature?: unknown; keyId?: unknown };
  let key;
  try {
    certificate = JSON.parse(readFileSync(file, 'utf8')) as typeof certificate;
    key = publicKeyFromPem(readFileSync(keyFile, 'utf8'));
  } catch (error) {
    console.error(`Cannot read the certificate or the key: ${(error as Error).message}`);
    return 2;
  }
  if (typeof certificate.document !== 'string' || typeof certificate.signature !== 'string') {
    console.error('The file must hold { "document": "...", "signature": "...", "keyId": "..." }');
    return 2;
  }
  const keyId = keyIdOf(key);
  const result = verifyCertificate(new Map([[keyId, key]]), certificate.document, certificate.signature);
  if (!result.valid) {
    console.log(`INVALID: ${result.reason}`);
    return 1;
  }
  const content = JSON.parse(certificate.document) as {
    certificateId: string;
    subject: unknown;
    issuedAt: string;
  };
  console.log(
    `VALID: certificate ${content.certificateId} for ${JSON.stringify(content.subject)}, ` +
      `issued ${content.issuedAt}, signed by key ${keyId}`,
  );
  return 0;
}

process.exitCode = main();
