import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import { ApiKeys, CreateApiKey, RevokeApiKey } from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

/** The scopes a partner key may hold (the identity subgraph checks them when a key is created). */
const SCOPES: { scope: string; meaning: string }[] = [
  { scope: 'projects:read', meaning: 'Read the organization and its projects' },
  { scope: 'members:read', meaning: 'Read the members and their roles' },
  { scope: 'audit:read', meaning: 'Read and export the audit log' },
  { scope: 'projects:write', meaning: 'Create and rename projects' },
];

/** API keys: create with scopes (the secret shown once), revoke. */
export function ApiKeysPage({ organizationId, role }: SectionProps) {
  const keys = useLoad(() => execute(ApiKeys, { organizationId }), [organizationId]);
  const action = useAction();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  // Held in memory only until dismissed: the graph never returns it again.
  const [secret, setSecret] = useState<string | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const data = await execute(CreateApiKey, {
        organizationId,
        name,
        scopes,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      });
      setSecret(data.createApiKey.secret);
      setName('');
      setScopes([]);
      await keys.reload();
      return null;
    });
  };

  return (
    <>
      {secret && (
        <section aria-labelledby="secret-heading" className="notice">
          <h2 id="secret-heading">Copy the new key’s secret now</h2>
          <p>It is shown this once: Steward keeps only its hash.</p>
          <label>
            Secret
            <input className="secret" readOnly value={secret} onFocus={(event) => event.target.select()} />
          </label>
          <button type="button" onClick={() => setSecret(null)}>
            I have stored the secret
          </button>
        </section>
      )}
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        <ErrorMessage>{keys.error}</ErrorMessage>
        <Notice>{action.done}</Notice>
        <ErrorMessage>{action.error}</ErrorMessage>
        {keys.loading && !keys.data && <Loading />}
        {keys.data && (
          <div className="table-wrap">
            <table aria-label="API keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.data.apiKeys.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>
                      <When at={key.createdAt} />
                    </td>
                    <td>
                      <When at={key.lastUsedAt} />
                    </td>
                    <td>
                      <When at={key.expiresAt} />
                    </td>
                    <td>
                      {key.revokedAt ? (
                        <>
                          Revoked <When at={key.revokedAt} />
                        </>
                      ) : may(role, 'api-keys:manage') ? (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`Revoke ${key.name}`}
                          disabled={action.busy}
                          onClick={() =>
                            action.run(async () => {
                              if (!confirm(`Revoke ${key.name}? Partners using it are refused at once.`))
                                return null;
                              await execute(RevokeApiKey, { id: key.id });
                              await keys.reload();
                              return `${key.name} was revoked.`;
                            })
                          }
                        >
                          Revoke
                        </button>
                      ) : (
                        'Active'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {keys.data.apiKeys.length === 0 && <p>No API keys yet.</p>}
          </div>
        )}
      </section>
      {may(role, 'api-keys:manage') && (
        <form className="card" aria-labelledby="create-key-heading" onSubmit={create}>
          <h2 id="create-key-heading">Create an API key</h2>
          <label>
            Key name
            <input required value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <fieldset>
            <legend>Scopes</legend>
            {SCOPES.map(({ scope, meaning }) => (
              <label key={scope} title={meaning}>
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) =>
                    setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                  }
                />
                {scope}
              </label>
            ))}
          </fieldset>
          <label>
            Expires on (optional)
            <input type="date" value={expires} onChange={(event) => setExpires(event.target.value)} />
          </label>
          <button type="submit" disabled={action.busy}>
            Create key
          </button>
        </form>
      )}
    </>
  );
}
