import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import { downloadCertificate, parseCertificate } from '../certificate.ts';
import { DeletionRequests, VerifyCertificate } from '../operations.ts';
import { ErrorMessage, Loading, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';

/** A document as indented JSON when it is JSON, else as it is. */
const readable = (document: string) => {
  try {
    return JSON.stringify(JSON.parse(document), null, 2);
  } catch {
    return document;
  }
};

/**
 * Certificates of destruction: those of the deletions the person may read (read, download), and
 * verification of any certificate file against the deployment's public key.
 */
export function CertificatesPage() {
  const deletions = useLoad(() => execute(DeletionRequests), []);
  const verify = useAction();
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<{
    valid: boolean;
    keyId: string | null;
    reason: string | null;
  } | null>(null);
  const issued = (deletions.data?.deletionRequests ?? []).filter((d) => d.certificate);

  const check = (event: FormEvent) => {
    event.preventDefault();
    setVerdict(null);
    void verify.run(async () => {
      const certificate = parseCertificate(text);
      if (!certificate) {
        setVerdict({
          valid: false,
          keyId: null,
          reason: 'This is not a certificate file (JSON with a document and a signature).',
        });
        return null;
      }
      const data = await execute(VerifyCertificate, certificate);
      setVerdict(data.verifyDestructionCertificate);
      return null;
    });
  };

  return (
    <>
      <h1>Certificates of destruction</h1>
      <form className="card" aria-labelledby="verify-heading" onSubmit={check}>
        <h2 id="verify-heading">Verify a certificate</h2>
        <p>The signature is checked against the key the certificate names, with Steward’s public key.</p>
        <label>
          Certificate file
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </label>
        <label>
          Certificate (JSON)
          <textarea rows={6} cols={80} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="submit" disabled={verify.busy || !text.trim()}>
          Verify
        </button>
        <ErrorMessage>{verify.error}</ErrorMessage>
        {verdict && (
          <p role="status" aria-label="Verification result">
            {verdict.valid ? (
              <span className="badge ok">Valid: signed by key {verdict.keyId}</span>
            ) : (
              <span className="badge broken">Not valid{verdict.reason ? `: ${verdict.reason}` : ''}</span>
            )}
          </p>
        )}
      </form>
      <section aria-labelledby="issued-heading">
        <h2 id="issued-heading">Issued certificates</h2>
        <ErrorMessage>{deletions.error}</ErrorMessage>
        {deletions.loading && !deletions.data && <Loading />}
        {deletions.data && issued.length === 0 && <p>No certificate you may read.</p>}
        {issued.map((d) => (
          <article key={d.id} aria-label={`Certificate of deletion ${d.id}`}>
            <h3>
              {d.userId && !d.organizationId
                ? 'An account'
                : d.userId
                  ? 'A member’s data'
                  : 'An organization'}
              : issued <When at={d.certificate!.issuedAt} />
            </h3>
            <details>
              <summary>Read the certificate</summary>
              <pre>{readable(d.certificate!.document)}</pre>
              <p>
                Signature <code>{d.certificate!.signature}</code> by key <code>{d.certificate!.keyId}</code>
              </p>
            </details>
            <div className="row">
              <button
                type="button"
                className="secondary"
                onClick={() => downloadCertificate(d.id, d.certificate!)}
              >
                Download certificate
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  setText(
                    JSON.stringify(
                      {
                        document: d.certificate!.document,
                        signature: d.certificate!.signature,
                        keyId: d.certificate!.keyId,
                      },
                      null,
                      2,
                    ),
                  )
                }
              >
                Verify this certificate
              </button>
            </div>
          </article>
        ))}
      </section>
    </>
  );
}
