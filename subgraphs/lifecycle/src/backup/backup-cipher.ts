import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupError } from './backup-error.ts';

/**
 * A backup file: one clear header line naming the format and the backup (`STEWARD-BACKUP/1 <id>\n`
 * for a dump, `STEWARD-KEY-STORE/1 <id>\n` for its key-store copy), a 96-bit random nonce, the
 * AES-256-GCM ciphertext, and its 16-byte tag. The header line is the associated data: a file
 * renamed to another backup's id, or a key-store copy offered as a dump (or the reverse), does not
 * open. One key (STEWARD_BACKUP_KEY) and a fresh nonce per file; GCM bounds one message to 64 GiB.
 */
const MAGIC = { dump: 'STEWARD-BACKUP/1', 'key-store': 'STEWARD-KEY-STORE/1' } as const;
export type BackupFileKind = keyof typeof MAGIC;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const BACKUP_KEY_BYTES = 32;

const headerOf = (backupId: string, kind: BackupFileKind) =>
  Buffer.from(`${MAGIC[kind]} ${backupId}\n`, 'utf8');

function checkKey(key: Buffer): void {
  if (key.length !== BACKUP_KEY_BYTES) throw new Error(`The backup key is ${BACKUP_KEY_BYTES} bytes`);
}

/** Encrypts a dump as it is produced: header and nonce first, the tag last; a source's error ends it. */
export async function* encryptChunks(
  source: AsyncIterable<Buffer>,
  key: Buffer,
  backupId: string,
  kind: BackupFileKind = 'dump',
): AsyncGenerator<Buffer> {
  checkKey(key);
  const header = headerOf(backupId, kind);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher: CipherGCM = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  yield Buffer.concat([header, nonce]);
  for await (const chunk of source) yield cipher.update(chunk);
  yield Buffer.concat([cipher.final(), cipher.getAuthTag()]);
}

/**
 * Decrypts a backup file as it streams. Plaintext flows before the tag is checked at the end (a
 * stream cannot wait for it), so a reader acts on it only inside a transaction it commits after
 * this stream ended cleanly: a tampered, truncated or foreign file fails with BACKUP_UNAUTHENTIC.
 */
export function decryptingStream(key: Buffer, backupId: string, kind: BackupFileKind = 'dump'): Transform {
  checkKey(key);
  const header = headerOf(backupId, kind);
  const prefixBytes = header.length + NONCE_BYTES;
  let prefix: Buffer | null = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  // The last TAG_BYTES seen are held back: they may be the tag.
  let held = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      let data = chunk;
      if (prefix) {
        prefix = Buffer.concat([prefix, data]);
        if (prefix.length < prefixBytes) return done();
        if (!prefix.subarray(0, header.length).equals(header)) {
          return done(new BackupError('BACKUP_UNAUTHENTIC', 'Not this backup: its header names another'));
        }
        decipher = createDecipheriv('aes-256-gcm', key, prefix.subarray(header.length, prefixBytes), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(header);
        data = prefix.subarray(prefixBytes);
        prefix = null;
      }
      const joined = Buffer.concat([held, data]);
      const cut = Math.max(0, joined.length - TAG_BYTES);
      held = joined.subarray(cut);
      done(null, decipher!.update(joined.subarray(0, cut)));
    },
    flush(done: TransformCallback) {
      if (!decipher || held.length < TAG_BYTES) {
        return done(new BackupError('BACKUP_UNAUTHENTIC', 'The backup file is truncated'));
      }
      try {
        decipher.setAuthTag(held);
        done(null, decipher.final());
      } catch {
        done(new BackupError('BACKUP_UNAUTHENTIC', 'The backup does not authenticate under the backup key'));
      }
    },
  });
}
