import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import {
  AddOrganizationSsoDomain,
  OrganizationSso,
  RemoveOrganizationSso,
  RemoveOrganizationSsoDomain,
  SetOrganizationSso,
  VerifyOrganizationSsoDomain,
} from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

/**
 * The organization's own OpenID Connect provider, and the domains whose people sign in through it
 * (each proven by a DNS TXT record before it counts).
 */
export function SingleSignOnPage({ organizationId, role }: SectionProps) {
  const sso = useLoad(() => execute(OrganizationSso, { organizationId }), [organizationId]);
  const action = useAction();
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domain, setDomain] = useState('');
  const manages = may(role, 'sso:manage');
  const current = sso.data?.organizationSso ?? null;

  const act = (run: () => Promise<string>) =>
    action.run(async () => {
      const done = await run();
      await sso.reload();
      return done;
    });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await execute(SetOrganizationSso, {
        organizationId,
        issuer,
        clientId,
        clientSecret: clientSecret || null,
      });
      setClientSecret('');
      return 'Single sign-on saved.';
    });
  };
  const addDomain = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const added = (await execute(AddOrganizationSsoDomain, { organizationId, domain }))
        .addOrganizationSsoDomain;
      setDomain('');
      return `${added.domain} added: publish its TXT record, then verify it.`;
    });
  };

  return (
    <>
      <section aria-labelledby="sso-settings-heading">
        <h2 id="sso-settings-heading">Single sign-on</h2>
        <ErrorMessage>{sso.error}</ErrorMessage>
        <Notice>{action.done}</Notice>
        <ErrorMessage>{action.error}</ErrorMessage>
        {sso.loading && !sso.data && <Loading />}
        {sso.data && !current && <p>Not set up: members sign in by code or password.</p>}
        {current && (
          <dl>
            <dt>Issuer</dt>
            <dd>{current.issuer}</dd>
            <dt>Client id</dt>
            <dd>{current.clientId}</dd>
            <dt>Client secret</dt>
            <dd>{current.hasClientSecret ? 'Stored (never shown)' : 'None (a public client)'}</dd>
            <dt>Updated</dt>
            <dd>
              <When at={current.updatedAt} />
            </dd>
          </dl>
        )}
        {current && manages && (
          <button
            type="button"
            className="danger"
            disabled={action.busy}
            onClick={() =>
              void act(async () => {
                if (!confirm('Remove single sign-on? Its people will sign in by code or password.'))
                  return '';
                await execute(RemoveOrganizationSso, { organizationId });
                return 'Single sign-on removed.';
              })
            }
          >
            Remove single sign-on
          </button>
        )}
      </section>
      {current && (
        <section aria-labelledby="sso-domains-heading">
          <h2 id="sso-domains-heading">Domains</h2>
          {current.domains.length === 0 && (
            <p>No domain yet: add the one your people’s addresses end with.</p>
          )}
          {current.domains.length > 0 && (
            <div className="table-wrap">
              <table aria-label="Single sign-on domains">
                <thead>
                  <tr>
                    <th scope="col">Domain</th>
                    <th scope="col">TXT record to publish</th>
                    <th scope="col">Verified</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {current.domains.map((d) => (
                    <tr key={d.domain}>
                      <th scope="row">{d.domain}</th>
                      <td>
                        <code>{d.verificationRecordName}</code> <code>{d.verificationRecordValue}</code>
                      </td>
                      <td>{d.verifiedAt ? <When at={d.verifiedAt} /> : 'Not yet'}</td>
                      <td className="actions">
                        {manages && !d.verifiedAt && (
                          <button
                            type="button"
                            disabled={action.busy}
                            aria-label={`Verify ${d.domain}`}
                            onClick={() =>
                              void act(async () => {
                                await execute(VerifyOrganizationSsoDomain, {
                                  organizationId,
                                  domain: d.domain,
                                });
                                return `${d.domain} is verified: its people sign in through your provider.`;
                              })
                            }
                          >
                            Verify
                          </button>
                        )}
                        {manages && (
                          <button
                            type="button"
                            className="danger"
                            disabled={action.busy}
                            aria-label={`Remove the domain ${d.domain}`}
                            onClick={() =>
                              void act(async () => {
                                await execute(RemoveOrganizationSsoDomain, {
                                  organizationId,
                                  domain: d.domain,
                                });
                                return `${d.domain} removed.`;
                              })
                            }
                          >
                            Remove
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {manages && (
            <form aria-labelledby="sso-domain-heading" onSubmit={addDomain}>
              <h3 id="sso-domain-heading">Add a domain</h3>
              <div className="row">
                <label>
                  Domain
                  <input required value={domain} onChange={(event) => setDomain(event.target.value)} />
                </label>
                <button type="submit" disabled={action.busy}>
                  Add domain
                </button>
              </div>
            </form>
          )}
        </section>
      )}
      {manages && sso.data && (
        <form className="card" aria-labelledby="sso-provider-heading" onSubmit={save}>
          <h2 id="sso-provider-heading">{current ? 'Change the provider' : 'Set up single sign-on'}</h2>
          <label>
            Issuer URL
            <input type="url" required value={issuer} onChange={(event) => setIssuer(event.target.value)} />
          </label>
          <label>
            Client id
            <input required value={clientId} onChange={(event) => setClientId(event.target.value)} />
          </label>
          <label>
            Client secret (stored sealed, never shown again)
            <input
              type="password"
              autoComplete="off"
              value={clientSecret}
              onChange={(event) => setClientSecret(event.target.value)}
            />
          </label>
          <button type="submit" disabled={action.busy}>
            Save single sign-on
          </button>
        </form>
      )}
    </>
  );
}
