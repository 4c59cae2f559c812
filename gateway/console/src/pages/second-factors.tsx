import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import {
  CompletePasskeyRegistration,
  ConfirmTotpEnrolment,
  RegenerateRecoveryCodes,
  RemovePasskey,
  RemoveTotp,
  SecondFactors,
  StartPasskeyRegistration,
  StartTotpEnrolment,
} from '../operations.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';

interface Enrolment {
  secret: string;
  uri: string;
  qrCodeDataUrl: string;
}

/**
 * The person's second factors: an authenticator app (its secret and QR code shown once while
 * enrolling, confirmed by a first code), recovery codes (shown once), passkeys (listed, removed).
 * A passkey is registered by the browser's WebAuthn (navigator.credentials.create), where it has it.
 */
export function SecondFactorsSection() {
  const factors = useLoad(() => execute(SecondFactors), []);
  const action = useAction();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [passkeyName, setPasskeyName] = useState('');
  const data = factors.data?.me;

  const confirmEnrolment = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await execute(ConfirmTotpEnrolment, { code });
      setEnrolment(null);
      setCode('');
      setCodes(result.confirmTotpEnrolment.codes);
      await factors.reload();
      return 'The authenticator app is enrolled.';
    });
  };

  const registerPasskey = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const started = await execute(StartPasskeyRegistration);
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
        JSON.parse(started.startPasskeyRegistration.options),
      );
      let credential: Credential | null;
      try {
        credential = await navigator.credentials.create({ publicKey });
      } catch {
        return 'No passkey was registered (the browser or the authenticator declined).';
      }
      if (!(credential instanceof PublicKeyCredential)) return 'No passkey was registered.';
      const done = await execute(CompletePasskeyRegistration, {
        name: passkeyName,
        response: JSON.stringify(credential.toJSON()),
      });
      setPasskeyName('');
      await factors.reload();
      return `The passkey ${done.completePasskeyRegistration.name} was registered.`;
    });
  };

  return (
    <section aria-labelledby="factors-heading">
      <h2 id="factors-heading">Second factors</h2>
      <Notice>{action.done}</Notice>
      <ErrorMessage>{action.error ?? factors.error}</ErrorMessage>
      {factors.loading && !data && <Loading />}
      {codes && (
        <div className="card" aria-labelledby="codes-heading">
          <h3 id="codes-heading">Your recovery codes</h3>
          <p>Keep them somewhere safe: each works once instead of the app. They are not shown again.</p>
          <ul className="codes" aria-label="Recovery codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => setCodes(null)}>
            I have kept them
          </button>
        </div>
      )}
      {data && (
        <>
          <h3>Authenticator app</h3>
          {data.secondFactors.totp ? (
            <>
              <p>
                Enrolled. Recovery codes left: <strong>{data.secondFactors.recoveryCodesLeft}</strong>
              </p>
              <div className="row">
                <button
                  type="button"
                  className="secondary"
                  disabled={action.busy}
                  onClick={() =>
                    action.run(async () => {
                      const result = await execute(RegenerateRecoveryCodes);
                      setCodes(result.regenerateRecoveryCodes.codes);
                      await factors.reload();
                      return 'New recovery codes: the old ones no longer work.';
                    })
                  }
                >
                  New recovery codes
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={action.busy}
                  onClick={() =>
                    action.run(async () => {
                      if (!confirm('Remove the authenticator app and its recovery codes?')) return null;
                      await execute(RemoveTotp);
                      setCodes(null);
                      await factors.reload();
                      return 'The authenticator app was removed.';
                    })
                  }
                >
                  Remove the app
                </button>
              </div>
            </>
          ) : enrolment ? (
            <form className="card" aria-labelledby="enrol-heading" onSubmit={confirmEnrolment}>
              <h4 id="enrol-heading">Enrol an authenticator app</h4>
              <p>Scan the QR code with the app, or type the secret. It is shown only now.</p>
              <img
                src={enrolment.qrCodeDataUrl}
                alt="QR code of the authenticator app's secret"
                width={200}
              />
              <p>
                Secret: <code aria-label="Secret">{enrolment.secret}</code>
              </p>
              <label>
                Code from the app
                <input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  required
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              </label>
              <button type="submit" disabled={action.busy}>
                Confirm
              </button>
            </form>
          ) : (
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                action.run(async () => {
                  setEnrolment((await execute(StartTotpEnrolment)).startTotpEnrolment);
                })
              }
            >
              Enrol an authenticator app
            </button>
          )}
          <h3>Passkeys</h3>
          {data.passkeys.length ? (
            <div className="table-wrap">
              <table aria-label="Your passkeys">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Registered</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Synced</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {data.passkeys.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>
                        <When at={p.createdAt} />
                      </td>
                      <td>
                        <When at={p.lastUsedAt} />
                      </td>
                      <td>{p.backedUp ? 'Yes' : 'No'}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          disabled={action.busy}
                          onClick={() =>
                            action.run(async () => {
                              if (!confirm(`Remove the passkey ${p.name}?`)) return null;
                              await execute(RemovePasskey, { id: p.id });
                              await factors.reload();
                              return `The passkey ${p.name} was removed.`;
                            })
                          }
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No passkeys.</p>
          )}
          {'PublicKeyCredential' in window && (
            <form className="card" aria-labelledby="passkey-heading" onSubmit={registerPasskey}>
              <h4 id="passkey-heading">Register a passkey</h4>
              <label>
                Passkey name
                <input
                  required
                  value={passkeyName}
                  onChange={(event) => setPasskeyName(event.target.value)}
                />
              </label>
              <button type="submit" disabled={action.busy}>
                Register a passkey
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
