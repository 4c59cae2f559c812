import type { KeyObject } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../../../platform/canonical-json.ts';
import type { DestroyedType } from '../../../../contracts/subject-data-destroy.ts';
import { signBytes, verifyBytes, type SigningKeys } from '../../../../platform/signing-keys.ts';
import type { CertifiedKeys } from './destroyed-keys.ts';

export const CERTIFICATE_FORMAT = 'steward-destruction-certificate/1';

/** What a certificate of destruction states; its canonical JSON is what is signed. */
export interface CertificateContent {
  format: typeof CERTIFICATE_FORMAT;
  certificateId: string;
  issuedAt: string;
  /** `{ organizationId }`, `{ userId }`, or both: one organization's data about one member. */
  subject: Record<string, string>;
  /** Where the subject's data was held: an organization's region; a user's home and organizations' regions. */
  regions: string[];
  request: {
    id: string;
    origin: string;
    reason: string;
    requestedAt: string;
    scheduledFor: string;
    startedAt: string;
  };
  requester: { type: 'USER'; id: string } | { type: 'SYSTEM'; id: 'lifecycle' };
  /** Each subgraph holding the subject's data, each type with its strategy and count. */
  subgraphs: { name: string; types: DestroyedType[] }[];
  verification: { passed: boolean; remaining: number; checkedAt: string };
  backups: { retentionDays: number; dataExpiresFromBackupsBy: string };
  /**
   * The subject's data keys the deletion destroyed first, and what that means for the copies
   * of what they sealed. Absent from certificates issued before crypto-shredding.
   */
  keys?: CertifiedKeys;
  /** The audit chain of each organization concerned, as it stood when the certificate was issued. */
  auditChainHeads: { organizationId: string; sequence: number | null; hash: string | null }[];
}

export interface SignedCertificate {
  document: string;
  signature: string;
  keyId: string;
}

export function signCertificate(keys: SigningKeys, content: CertificateContent): SignedCertificate {
  const document = canonicalJson(content as unknown as JsonValue);
  const { keyId, signature } = signBytes(keys, Buffer.from(document, 'utf8'));
  return { document, signature, keyId };
}

export interface CertificateVerification {
  valid: boolean;
  keyId: string | null;
  reason: string | null;
}

/**
 * Checks a certificate with public keys alone: the document must be a certificate in canonical
 * form (so no byte can change unnoticed) and the signature its key's over those exact bytes.
 */
export function verifyCertificate(
  verifying: ReadonlyMap<string, KeyObject>,
  document: string,
  signature: string,
  keyId?: string,
): CertificateVerification {
  let content: CertificateContent;
  try {
    content = JSON.parse(document) as CertificateContent;
  } catch {
    return { valid: false, keyId: null, reason: 'The document is not JSON' };
  }
  if (content?.format !== CERTIFICATE_FORMAT) {
    return { valid: false, keyId: null, reason: 'The document is not a certificate of destruction' };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(content as unknown as JsonValue);
  } catch {
    return { valid: false, keyId: null, reason: 'The document is not in canonical form' };
  }
  if (canonical !== document) {
    return { valid: false, keyId: null, reason: 'The document is not in canonical form' };
  }
  const candidates = keyId ? [keyId] : [...verifying.keys()];
  const signer = candidates.find((id) =>
    verifyBytes(verifying, Buffer.from(document, 'utf8'), id, signature),
  );
  return signer
    ? { valid: true, keyId: signer, reason: null }
    : { valid: false, keyId: keyId ?? null, reason: 'The signature does not match the document' };
}
