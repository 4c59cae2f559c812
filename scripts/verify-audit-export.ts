import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdOf } from '../platform/signing-keys.ts';
import { verifyAuditExport } from '../subgraphs/audit/src/log-export/verify-export.ts';

// npm run verify-audit-export -- <audit.jsonl> [--public-key <file.pem>]...
// Re-computes the hash chain of a JSON Lines audit export (GET /audit/export?format=jsonl) as the
// file reads, and checks its signed checkpoints with the audit signing key's public key.
// Exit 0: intact (and signed, when a key was given or found); 1: not; 2: usage.

const USAGE =
  'Usage: npm run verify-audit-export -- <audit.jsonl> [--public-key <file.pem>]...\n' +
  '  The key defaults to $STEWARD_DATA_DIR/audit-public-key.pem (.steward/ for npm start) when it exists;\n' +
  '  several --public-key options verify checkpoints of retired keys too.';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'public-key': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
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
  const defaultKey = join(process.env.STEWARD_DATA_DIR ?? '.steward', 'audit-public-key.pem');
  const keyFiles = parsed.values['public-key'] ?? [];
  let text: string;
  const verifying = new Map<string, KeyObject>();
  try {
    text = readFileSync(file, 'utf8');
    for (const keyFile of keyFiles) {
      const key = createPublicKey(readFileSync(keyFile, 'utf8'));
      verifying.set(keyIdOf(key), key);
    }
    if (!keyFiles.length) {
      const key = tryReadKey(defaultKey);
      if (key) verifying.set(keyIdOf(key), key);
    }
  } catch (error) {
    console.error(`Cannot read the export or the key: ${(error as Error).message}`);
    return 2;
  }
  const result = verifyAuditExport(text, verifying.size ? { verifying } : null);
  if (!result.valid) {
    const where = [
      result.brokenAt !== null ? `at sequence ${result.brokenAt}` : null,
      result.line !== null ? `line ${result.line}` : null,
    ].filter(Boolean);
    console.log(`INVALID: ${result.reason}${where.length ? ` (${where.join(', ')})` : ''}`);
    console.log(JSON.stringify(result));
    return 1;
  }
  const signed =
    result.signatures === 'VALID'
      ? `signed by key ${[...verifying.keys()].join(', ')}`
      : 'signatures NOT checked (no --public-key)';
  console.log(
    `VALID: ${result.events} events of organization ${result.organizationId}` +
      (result.firstSequence !== null ? `, sequences ${result.firstSequence}-${result.lastSequence}` : '') +
      `, ${signed}`,
  );
  console.log(JSON.stringify(result));
  return 0;
}

function tryReadKey(file: string): KeyObject | null {
  try {
    return createPublicKey(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

process.exitCode = main();
