import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import { downloadCertificate } from '../certificate.ts';
import type { RetentionCategory } from '../generated/graphql.ts';
import {
  CancelDeletion,
  DeletionRequests,
  EndContract,
  OrganizationLifecycle,
  RequestDeletion,
  RetentionPolicy,
  SetLegalHold,
  SetRetentionPolicy,
} from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

const CATEGORY_NAMES: Record<RetentionCategory, string> = {
  SIGN_IN_ATTEMPTS: 'Sign-in attempts',
  SESSIONS: 'Ended sessions',
  AUDIT_EVENTS: 'Audit events',
  EXPORTS: 'Data exports',
};

/** The organization's deletions: schedule, cancel, certificates; and a new deletion request. */
export function Deletions({ organizationId, role }: SectionProps) {
  const deletions = useLoad(() => execute(DeletionRequests), [organizationId]);
  const action = useAction();
  const [reason, setReason] = useState('');
  const list = (deletions.data?.deletionRequests ?? []).filter((d) => d.organizationId === organizationId);

  const request = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (!confirm('Schedule the deletion of all of this organization’s data?')) return null;
      const data = await execute(RequestDeletion, { subject: { organizationId }, reason });
      setReason('');
      await deletions.reload();
      return `Deletion scheduled for ${new Date(data.requestDeletion.scheduledFor).toLocaleString()}.`;
    });
  };

  return (
    <section aria-labelledby="deletions-heading">
      <h2 id="deletions-heading">Deletions</h2>
      <ErrorMessage>{deletions.error ?? action.error}</ErrorMessage>
      <Notice>{action.done}</Notice>
      {deletions.loading && !deletions.data && <Loading />}
      {deletions.data && list.length === 0 && <p>No deletion of this organization’s data was requested.</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Deletions">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Requested</th>
                <th scope="col">Runs</th>
                <th scope="col">Certificate</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td>{d.userId ? `Member ${d.userId}` : 'The organization'}</td>
                  <td>{d.reason}</td>
                  <td>
                    {d.status}
                    {d.origin === 'CONTRACT_END' ? ' (contract end)' : ''}
                  </td>
                  <td>
                    <When at={d.requestedAt} />
                  </td>
                  <td>
                    <When at={d.completedAt ?? d.scheduledFor} />
                  </td>
                  <td className="actions">
                    {d.certificate && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => downloadCertificate(d.id, d.certificate!)}
                      >
                        Download certificate
                      </button>
                    )}
                    {(d.status === 'PENDING' || d.status === 'ON_HOLD') &&
                      may(role, 'data:delete-organization') && (
                        <button
                          type="button"
                          className="secondary"
                          disabled={action.busy}
                          onClick={() =>
                            action.run(async () => {
                              await execute(CancelDeletion, { id: d.id });
                              await deletions.reload();
                              return 'The deletion was cancelled.';
                            })
                          }
                        >
                          Cancel deletion
                        </button>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {may(role, 'data:delete-organization') && (
        <form aria-label="Request the organization’s deletion" onSubmit={request}>
          <div className="row">
            <label>
              Reason for the deletion
              <input required value={reason} onChange={(event) => setReason(event.target.value)} />
            </label>
            <button type="submit" className="danger" disabled={action.busy}>
              Schedule deletion
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Legal hold and contract end: what keeps the data, and when the contract ends. */
export function HoldAndContract({ organizationId, role }: SectionProps) {
  const state = useLoad(() => execute(OrganizationLifecycle, { id: organizationId }), [organizationId]);
  const action = useAction();
  const [holdReason, setHoldReason] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const organization = state.data?.organization;

  return (
    <section aria-labelledby="hold-heading">
      <h2 id="hold-heading">Legal hold and contract</h2>
      <ErrorMessage>{state.error ?? action.error}</ErrorMessage>
      <Notice>{action.done}</Notice>
      {organization && (
        <>
          <p>
            {organization.legalHold ? (
              <>
                Legal hold since <When at={organization.legalHold.since} />
                {organization.legalHold.reason ? `: ${organization.legalHold.reason}` : ''}. Nothing of the
                organization is deleted while it stands.
              </>
            ) : (
              'No legal hold.'
            )}
          </p>
          {may(role, 'legal-hold:set') &&
            (organization.legalHold ? (
              <button
                type="button"
                className="secondary"
                disabled={action.busy}
                onClick={() =>
                  action.run(async () => {
                    await execute(SetLegalHold, { organizationId, hold: false });
                    await state.reload();
                    return 'The legal hold was lifted.';
                  })
                }
              >
                Lift legal hold
              </button>
            ) : (
              <form
                aria-label="Place a legal hold"
                onSubmit={(event) => {
                  event.preventDefault();
                  void action.run(async () => {
                    await execute(SetLegalHold, { organizationId, hold: true, reason: holdReason || null });
                    await state.reload();
                    return 'A legal hold was placed.';
                  });
                }}
              >
                <div className="row">
                  <label>
                    Reason for the hold
                    <input value={holdReason} onChange={(event) => setHoldReason(event.target.value)} />
                  </label>
                  <button type="submit" disabled={action.busy}>
                    Place legal hold
                  </button>
                </div>
              </form>
            ))}
          <p>
            Contract:{' '}
            {organization.contractEndsAt ? (
              <>
                ends <When at={organization.contractEndsAt} /> ({organization.status})
              </>
            ) : (
              'running'
            )}
          </p>
          {may(role, 'contract:end') && (
            <form
              aria-label="End the contract"
              onSubmit={(event) => {
                event.preventDefault();
                void action.run(async () => {
                  if (!confirm('Record the contract’s end? The data is deleted 30 days after it.'))
                    return null;
                  await execute(EndContract, {
                    organizationId,
                    endsAt: new Date(`${endsOn}T00:00:00`).toISOString(),
                  });
                  await state.reload();
                  return 'The contract’s end was recorded.';
                });
              }}
            >
              <div className="row">
                <label>
                  Contract ends on
                  <input
                    type="date"
                    required
                    value={endsOn}
                    onChange={(event) => setEndsOn(event.target.value)}
                  />
                </label>
                <button type="submit" className="danger" disabled={action.busy}>
                  End contract
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** Retention rules per category, with their floors; a rule below its floor is refused in words. */
export function Retention({ organizationId, role }: SectionProps) {
  const policy = useLoad(() => execute(RetentionPolicy, { organizationId }), [organizationId]);
  const action = useAction();
  const [edits, setEdits] = useState<Partial<Record<RetentionCategory, string>>>({});
  const rules = policy.data?.retentionPolicy ?? [];

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const next = rules
        .map((rule) => ({ category: rule.category, keepFor: edits[rule.category] ?? rule.keepFor, rule }))
        .filter(({ rule, keepFor }) => !rule.isDefault || keepFor !== rule.keepFor)
        .map(({ category, keepFor }) => ({ category, keepFor }));
      await execute(SetRetentionPolicy, { organizationId, rules: next });
      setEdits({});
      await policy.reload();
      return 'The retention policy was saved.';
    });
  };

  return (
    <form className="card" aria-labelledby="retention-heading" onSubmit={save}>
      <h2 id="retention-heading">Retention</h2>
      <ErrorMessage>{policy.error ?? action.error}</ErrorMessage>
      <Notice>{action.done}</Notice>
      {policy.loading && !policy.data && <Loading />}
      {rules.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Retention rules">
            <thead>
              <tr>
                <th scope="col">Records</th>
                <th scope="col">Kept for (ISO-8601)</th>
                <th scope="col">At least</th>
                <th scope="col">Set</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.category}>
                  <th scope="row">{CATEGORY_NAMES[rule.category]}</th>
                  <td>
                    {may(role, 'retention:set') ? (
                      <input
                        aria-label={`Keep ${CATEGORY_NAMES[rule.category].toLowerCase()} for`}
                        value={edits[rule.category] ?? rule.keepFor}
                        onChange={(event) => setEdits({ ...edits, [rule.category]: event.target.value })}
                      />
                    ) : (
                      rule.keepFor
                    )}
                  </td>
                  <td>{rule.minimum}</td>
                  <td>{rule.isDefault ? 'Default' : <When at={rule.updatedAt} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {may(role, 'retention:set') && (
        <button type="submit" disabled={action.busy}>
          Save retention policy
        </button>
      )}
    </form>
  );
}
