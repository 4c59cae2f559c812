import { useState, type FormEvent } from 'react';
import { download, execute } from '../client.ts';
import type { AuditEventFilter, AuditOutcome } from '../generated/graphql.ts';
import { explain } from '../errors.ts';
import { AuditChain, AuditEvents, OrganizationMembers } from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, When } from '../ui.tsx';
import { useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

const OUTCOMES: AuditOutcome[] = ['SUCCESS', 'DENIED', 'FAILURE'];
const BREAKS: Record<string, string> = {
  CHECKPOINT_SIGNATURE: 'the retention checkpoint’s signature does not verify',
  EVENT_MISSING: 'an event is missing',
  LINK_BROKEN: 'an event does not link to the one before it',
  HASH_MISMATCH: 'an event was changed after it was recorded',
  TAIL_MISSING: 'the latest events are missing',
  HEAD_MISMATCH: 'the chain’s recorded head does not match its events',
};

/** A datetime-local value as an ISO-8601 instant, or undefined when empty. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The chain's verification as a badge: verified, or where it breaks and why. */
function ChainBadge({ organizationId }: { organizationId: string }) {
  const chain = useLoad(() => execute(AuditChain, { organizationId }), [organizationId]);
  if (chain.error) return <ErrorMessage>{chain.error}</ErrorMessage>;
  const result = chain.data?.auditChain;
  if (!result) return <Loading />;
  return (
    <p role="status" aria-label="Audit chain verification">
      {result.valid ? (
        <span className="badge ok">Chain verified: {result.events} events</span>
      ) : (
        <span className="badge broken">
          Chain broken at event {result.brokenAt ?? '?'}
          {result.breakReason ? `: ${BREAKS[result.breakReason] ?? result.breakReason}` : ''}
        </span>
      )}{' '}
      <button type="button" className="secondary" onClick={() => chain.reload()}>
        Verify again
      </button>
    </p>
  );
}

/** The audit log: filters (action, actor, outcome, time), pages, the chain badge, CSV/JSONL export. */
export function AuditLogPage({ organizationId, role }: SectionProps) {
  const [form, setForm] = useState({ action: '', actorId: '', outcome: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditEventFilter>({});
  // The cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const events = useLoad(
    () => execute(AuditEvents, { organizationId, filter, after }),
    [organizationId, filter, after],
  );
  const members = useLoad(() => execute(OrganizationMembers, { id: organizationId }), [organizationId]);
  const [exportError, setExportError] = useState<string | null>(null);

  const emailOf = new Map((members.data?.organization?.members ?? []).map((m) => [m.user.id, m.user.email]));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      actionPrefix: form.action || undefined,
      actorId: form.actorId || undefined,
      outcome: OUTCOMES.find((o) => o === form.outcome),
      from: instant(form.from),
      to: instant(form.to),
    });
    setCursors([null]);
  };
  const exportAs = async (format: 'csv' | 'jsonl') => {
    setExportError(null);
    const query = new URLSearchParams({ organizationId, format });
    if (filter.from) query.set('from', String(filter.from));
    if (filter.to) query.set('to', String(filter.to));
    try {
      await download(`/audit/export?${query}`, `audit-${organizationId}.${format}`);
    } catch (error) {
      setExportError(explain(error));
    }
  };

  const page = events.data?.auditEvents;
  return (
    <>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <ChainBadge organizationId={organizationId} />
        {/* Filters and refresh only where the role may read the log: a forced visit offers nothing. */}
        {may(role, 'audit:read') && (
          <form aria-label="Audit log filters" onSubmit={apply}>
            <div className="row">
              <label>
                Action starts with
                <input
                  value={form.action}
                  onChange={(e) => setForm({ ...form, action: e.target.value })}
                  placeholder="tenancy.member"
                />
              </label>
              <label>
                Actor
                <select value={form.actorId} onChange={(e) => setForm({ ...form, actorId: e.target.value })}>
                  <option value="">Anyone</option>
                  {[...emailOf].map(([id, email]) => (
                    <option key={id} value={id}>
                      {email}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Outcome
                <select value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
                  <option value="">Any</option>
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                From
                <input
                  type="datetime-local"
                  value={form.from}
                  onChange={(e) => setForm({ ...form, from: e.target.value })}
                />
              </label>
              <label>
                To
                <input
                  type="datetime-local"
                  value={form.to}
                  onChange={(e) => setForm({ ...form, to: e.target.value })}
                />
              </label>
              <button type="submit">Apply filters</button>
              <button type="button" className="secondary" onClick={() => events.reload()}>
                Refresh
              </button>
            </div>
          </form>
        )}
        <ErrorMessage>{events.error}</ErrorMessage>
        {events.loading && !page && <Loading />}
        {page && (
          <div className="table-wrap">
            <table aria-label="Audit events">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.sequence}</td>
                    <td>
                      <When at={node.occurredAt} />
                    </td>
                    <td>
                      <code>{node.action}</code>
                    </td>
                    <td>{node.outcome}</td>
                    <td>
                      {node.actor.type === 'USER' && node.actor.id
                        ? (emailOf.get(node.actor.id) ?? node.actor.id)
                        : `${node.actor.type}${node.actor.id ? ` ${node.actor.id}` : ''}`}
                      {node.actor.ip ? ` from ${node.actor.ip}` : ''}
                    </td>
                    <td>
                      {node.target
                        ? `${node.target.type} ${(node.target.type === 'User' && node.target.id && emailOf.get(node.target.id)) || (node.target.id ?? '')}`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.edges.length === 0 && <p>No events match.</p>}
            <nav className="row" aria-label="Audit log pages">
              <button
                type="button"
                className="secondary"
                disabled={cursors.length <= 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Previous page
              </button>
              <span>Page {cursors.length}</span>
              <button
                type="button"
                className="secondary"
                disabled={!page.pageInfo.hasNextPage}
                onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}
              >
                Next page
              </button>
            </nav>
          </div>
        )}
      </section>
      {may(role, 'audit:read') && (
        <section aria-labelledby="audit-export-heading">
          <h2 id="audit-export-heading">Download</h2>
          <p>The events in the time range of the filters above (all of them without one).</p>
          <div className="row">
            <button type="button" onClick={() => exportAs('csv')}>
              Download CSV
            </button>
            <button type="button" onClick={() => exportAs('jsonl')}>
              Download JSON Lines
            </button>
          </div>
          <ErrorMessage>{exportError}</ErrorMessage>
        </section>
      )}
    </>
  );
}
