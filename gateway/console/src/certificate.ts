/** A certificate of destruction as a file: what the graph returns as `certificate`. */
export interface CertificateFile {
  document: string;
  signature: string;
  keyId?: string;
}

/** Reads a certificate file (JSON with document and signature), or null when it is not one. */
export function parseCertificate(text: string): CertificateFile | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const document = 'document' in parsed ? parsed.document : undefined;
  const signature = 'signature' in parsed ? parsed.signature : undefined;
  const keyId = 'keyId' in parsed ? parsed.keyId : undefined;
  if (typeof document !== 'string' || typeof signature !== 'string') return null;
  return { document, signature, keyId: typeof keyId === 'string' ? keyId : undefined };
}

/** Offers a certificate as a JSON file (what `npm run verify-certificate` reads). */
export function downloadCertificate(id: string, certificate: CertificateFile) {
  const blob = new Blob([JSON.stringify(certificate, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `certificate-of-destruction-${id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
