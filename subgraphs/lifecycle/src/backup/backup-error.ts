/** Why a backup or a restore was refused; scripts print the code and exit non-zero. */
export type BackupErrorCode =
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_NOT_COMPLETED'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_UNAUTHENTIC'
  | 'BACKUP_SCHEMA_MISMATCH'
  | 'DATABASE_EXISTS'
  | 'LEDGER_NOT_APPLIED'
  | 'KEY_STORE_NOT_FOUND';

export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = 'BackupError';
  }
}
