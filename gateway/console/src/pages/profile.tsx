import { useState } from 'react';
import type { Me } from '../app.tsx';
import { execute } from '../client.ts';
import { ExportProgress } from '../export-progress.tsx';
import { MyAccount, RequestDataExport, RequestDeletion, RevokeSession } from '../operations.ts';
import { SecondFactorsSection } from './second-factors.tsx';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';

/** The person's own account: sessions (end one), sign-in history, export of own data, deletion. */
export function ProfilePage({ me }: { me: Me }) {
  const account = useLoad(() => execute(MyAccount), []);
  const action = useAction();
  const [exportId, setExportId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const data = account.data?.me;

  return (
    <>
      <h1>Your profile</h1>
      <p>
        Signed in as <strong>{me.email}</strong>
      </p>
      <Notice>{action.done}</Notice>
      <ErrorMessage>{action.error ?? account.error}</ErrorMessage>
      {account.loading && !data && <Loading />}
      {data && (
        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Your sessions</h2>
          <div className="table-wrap">
            <table aria-label="Your sessions">
              <thead>
                <tr>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Device</th>
                  <th scope="col">IP</th>
                  <th scope="col">Browser</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <When at={s.createdAt} />
                    </td>
                    <td>
                      <When at={s.lastSeenAt} />
                    </td>
                    <td>{s.deviceType}</td>
                    <td>{s.ip ?? '—'}</td>
                    <td>{s.userAgent ?? '—'}</td>
                    <td>
                      {s.current ? (
                        'This session'
                      ) : s.revokedAt ? (
                        'Ended'
                      ) : (
                        <button
                          type="button"
                          className="secondary"
                          disabled={action.busy}
                          onClick={() =>
                            action.run(async () => {
                              await execute(RevokeSession, { id: s.id });
                              await account.reload();
                              return 'The session was ended.';
                            })
                          }
                        >
                          End session
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <SecondFactorsSection />
      {data && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Your sign-in history</h2>
          <div className="table-wrap">
            <table aria-label="Your sign-in history">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Method</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Device</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {data.signInAttempts.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <When at={node.occurredAt} />
                    </td>
                    <td>{node.method}</td>
                    <td>{node.outcome}</td>
                    <td>{node.deviceType}</td>
                    <td>{node.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby="own-export-heading">
        <h2 id="own-export-heading">Export your data</h2>
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              const result = await execute(RequestDataExport, { subject: { userId: me.id } });
              setExportId(result.requestDataExport.id);
            })
          }
        >
          Export my data
        </button>
        {exportId && <ExportProgress key={exportId} id={exportId} />}
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          Your account and what Steward holds about you are deleted after the grace period; you can cancel
          before.
        </p>
        <label>
          Why (kept with the request)
          <input value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        <button
          type="button"
          className="danger"
          disabled={action.busy || !reason.trim()}
          onClick={() =>
            action.run(async () => {
              if (!confirm('Delete your account? This cannot be undone once it has run.')) return null;
              const result = await execute(RequestDeletion, { subject: { userId: me.id }, reason });
              return `Your account's deletion is scheduled for ${new Date(result.requestDeletion.scheduledFor).toLocaleString()}.`;
            })
          }
        >
          Delete my account
        </button>
      </section>
    </>
  );
}
