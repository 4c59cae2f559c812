import { useState } from 'react';
import { execute } from '../client.ts';
import type { ConsoleMemberSignInAttemptsQuery } from '../generated/graphql.ts';
import { MemberSignInAttempts, OrganizationMembers, RevokeUserSessions } from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

type Attempt = ConsoleMemberSignInAttemptsQuery['memberSignInAttempts']['edges'][number]['node'];

/** A member's sign-in attempts (device, IP, outcome), and ending all of the member's sessions. */
export function SignInActivityPage({ organizationId, role }: SectionProps) {
  const members = useLoad(() => execute(OrganizationMembers, { id: organizationId }), [organizationId]);
  const [userId, setUserId] = useState('');
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const load = useAction();
  const end = useAction();

  const show = (id: string, after: string | null) =>
    load.run(async () => {
      const data = await execute(MemberSignInAttempts, { organizationId, userId: id, after });
      const page = data.memberSignInAttempts;
      setAttempts((previous) => [...(after ? previous : []), ...page.edges.map((e) => e.node)]);
      setNext(page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null);
    });

  const list = members.data?.organization?.members ?? [];
  const chosen = list.find((m) => m.user.id === userId);
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Sessions and sign-in activity</h2>
      <ErrorMessage>{members.error}</ErrorMessage>
      {members.loading && !members.data && <Loading />}
      <div className="row">
        <label>
          Member
          <select
            value={userId}
            onChange={(event) => {
              setUserId(event.target.value);
              setAttempts([]);
              if (event.target.value) void show(event.target.value, null);
            }}
          >
            <option value="">Choose a member</option>
            {list.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.email}
              </option>
            ))}
          </select>
        </label>
        {chosen && may(role, 'sessions:end-member') && (
          <button
            type="button"
            className="danger"
            disabled={end.busy}
            onClick={() =>
              end.run(async () => {
                if (!confirm(`End every session of ${chosen.user.email}?`)) return null;
                const data = await execute(RevokeUserSessions, { organizationId, userId });
                return `Ended ${data.revokeUserSessions} session(s) of ${chosen.user.email}.`;
              })
            }
          >
            End all sessions
          </button>
        )}
      </div>
      <Notice>{end.done}</Notice>
      <ErrorMessage>{end.error ?? load.error}</ErrorMessage>
      {chosen && (
        <div className="table-wrap">
          <table aria-label={`Sign-in attempts of ${chosen.user.email}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Method</th>
                <th scope="col">Outcome</th>
                <th scope="col">Device</th>
                <th scope="col">IP</th>
                <th scope="col">Browser</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <When at={a.occurredAt} />
                  </td>
                  <td>{a.method}</td>
                  <td>{a.outcome}</td>
                  <td>{a.deviceType}</td>
                  <td>{a.ip ?? '—'}</td>
                  <td>{a.userAgent ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {attempts.length === 0 && !load.busy && <p>No sign-in attempts recorded.</p>}
          {next && (
            <button
              type="button"
              className="secondary"
              disabled={load.busy}
              onClick={() => show(userId, next)}
            >
              Load more
            </button>
          )}
        </div>
      )}
    </section>
  );
}
