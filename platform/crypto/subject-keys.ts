/**
 * Crypto-shredding: every subject (an organization, a person) has data keys of its own, and what
 * Steward stores of that subject's personal or customer content is sealed under them
 * (sealed-box.ts). Destroying a subject's keys makes every copy of that content unreadable at once:
 * the live rows, retained audit events, backups taken before the deletion.
 *
 * This file is the contract between the key store (which keeps data keys wrapped by the
 * key-encryption key, in a schema apart from the data) and the code that seals and opens content
 * (the subgraphs' SHRED fields, the audit log's event content, the export).
 */

/** Whose key: an organization's or a person's. */
export interface Subject {
  readonly kind: 'organization' | 'person';
  readonly id: string;
}

/** A subject's data key, unwrapped in memory only: never logged, never stored in clear. */
export interface DataKey {
  /** Names the key (stored beside each sealed value, so a reader knows which key opens it). */
  readonly id: string;
  readonly subject: Subject;
  readonly key: Buffer;
}

/** What a deletion destroyed, for its certificate. */
export interface DestroyedKey {
  readonly id: string;
  readonly subject: Subject;
  readonly createdAt: Date;
  readonly destroyedAt: Date;
}

/** The subject's key is destroyed: its content reads as erased, and nothing new is sealed for it. */
export class SubjectKeyDestroyedError extends Error {
  readonly subject: Subject;
  constructor(subject: Subject) {
    super(`The ${subject.kind} ${subject.id}'s data key was destroyed`);
    this.subject = subject;
    this.name = 'SubjectKeyDestroyedError';
  }
}

export interface SubjectKeyStore {
  /** The subject's current data key, created on first use; SubjectKeyDestroyedError once destroyed. */
  keyFor(subject: Subject): Promise<DataKey>;
  /** The data key named `keyId`, or null when it was destroyed (its content reads as erased). */
  keyById(keyId: string): Promise<DataKey | null>;
  /** Destroys every data key of the subject (idempotent): overwritten, then deleted; no copy kept. */
  destroy(subject: Subject): Promise<DestroyedKey[]>;
}
