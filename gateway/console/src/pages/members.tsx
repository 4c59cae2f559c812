import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import type { OrganizationRole, ProjectRole } from '../generated/graphql.ts';
import {
  ChangeMemberRole,
  InviteMember,
  OrganizationMembers,
  OrganizationProjects,
  RemoveMember,
  RevokeUserSessions,
} from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';
import { ProjectRoleSelect, projectRoleName } from './projects.tsx';

const ROLES: OrganizationRole[] = ['ADMIN', 'MEMBER'];
const roleName = (role: OrganizationRole) => (role === 'ADMIN' ? 'Admin' : 'Member');

/** Members and roles: invite, change a role, remove, end a member's sessions. */
export function MembersPage({ organizationId, role, me }: SectionProps) {
  const members = useLoad(() => execute(OrganizationMembers, { id: organizationId }), [organizationId]);
  const action = useAction();
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<OrganizationRole>('MEMBER');
  // Optionally into one of the organization's projects, with a role there.
  const projects = useLoad(() => execute(OrganizationProjects, { id: organizationId }), [organizationId]);
  const [inviteProject, setInviteProject] = useState('');
  const [inviteProjectRole, setInviteProjectRole] = useState<ProjectRole>('PARTICIPANT');
  const [chosen, setChosen] = useState<Record<string, OrganizationRole>>({});

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const data = await execute(InviteMember, {
        organizationId,
        email,
        role: inviteRole,
        ...(inviteProject ? { projectId: inviteProject, projectRole: inviteProjectRole } : {}),
      });
      setEmail('');
      const into = data.inviteMember.projectRole
        ? `, ${projectRoleName(data.inviteMember.projectRole)} of the project`
        : '';
      return `Invitation sent to ${data.inviteMember.email} as ${roleName(data.inviteMember.role)}${into}.`;
    });
  };

  const list = members.data?.organization?.members ?? [];
  return (
    <>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <ErrorMessage>{members.error}</ErrorMessage>
        <Notice>{action.done}</Notice>
        <ErrorMessage>{action.error}</ErrorMessage>
        {members.loading && !members.data && <Loading />}
        {members.data && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Member since</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((member) => {
                  const { id, email: memberEmail } = member.user;
                  const selected = chosen[id] ?? member.role;
                  return (
                    <tr key={id}>
                      <th scope="row">
                        {memberEmail}
                        {id === me.id ? ' (you)' : ''}
                      </th>
                      <td>{roleName(member.role)}</td>
                      <td>
                        <When at={member.createdAt} />
                      </td>
                      <td className="actions">
                        {may(role, 'members:change-role') && (
                          <>
                            <select
                              aria-label={`Role of ${memberEmail}`}
                              value={selected}
                              onChange={(event) =>
                                setChosen({
                                  ...chosen,
                                  [id]: event.target.value === 'ADMIN' ? 'ADMIN' : 'MEMBER',
                                })
                              }
                            >
                              {ROLES.map((r) => (
                                <option key={r} value={r}>
                                  {roleName(r)}
                                </option>
                              ))}
                            </select>
                            <button
                              type="button"
                              disabled={action.busy || selected === member.role}
                              aria-label={`Change role of ${memberEmail}`}
                              onClick={() =>
                                action.run(async () => {
                                  await execute(ChangeMemberRole, {
                                    organizationId,
                                    userId: id,
                                    role: selected,
                                  });
                                  await members.reload();
                                  return `${memberEmail} is now ${roleName(selected)}.`;
                                })
                              }
                            >
                              Change role
                            </button>
                          </>
                        )}
                        {may(role, 'sessions:end-member') && (
                          <button
                            type="button"
                            className="secondary"
                            disabled={action.busy}
                            aria-label={`End all sessions of ${memberEmail}`}
                            onClick={() =>
                              action.run(async () => {
                                if (
                                  !confirm(
                                    `End every session of ${memberEmail}? They will have to sign in again.`,
                                  )
                                )
                                  return null;
                                const data = await execute(RevokeUserSessions, {
                                  organizationId,
                                  userId: id,
                                });
                                return `Ended ${data.revokeUserSessions} session(s) of ${memberEmail}.`;
                              })
                            }
                          >
                            End sessions
                          </button>
                        )}
                        {may(role, 'members:remove') && id !== me.id && (
                          <button
                            type="button"
                            className="danger"
                            disabled={action.busy}
                            aria-label={`Remove ${memberEmail}`}
                            onClick={() =>
                              action.run(async () => {
                                if (!confirm(`Remove ${memberEmail} from the organization?`)) return null;
                                await execute(RemoveMember, { organizationId, userId: id });
                                await members.reload();
                                return `${memberEmail} was removed.`;
                              })
                            }
                          >
                            Remove
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {may(role, 'members:invite') && (
        <form className="card" aria-labelledby="invite-heading" onSubmit={invite}>
          <h2 id="invite-heading">Invite a member</h2>
          <div className="row">
            <label>
              Email to invite
              <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
            </label>
            <label>
              Role
              <select
                value={inviteRole}
                onChange={(event) => setInviteRole(event.target.value === 'ADMIN' ? 'ADMIN' : 'MEMBER')}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleName(r)}
                  </option>
                ))}
              </select>
            </label>
            {(projects.data?.organization?.projects.length ?? 0) > 0 && (
              <label>
                Into project
                <select value={inviteProject} onChange={(event) => setInviteProject(event.target.value)}>
                  <option value="">No project</option>
                  {projects.data?.organization?.projects.map((project) => (
                    <option key={project.id} value={project.id}>
                      {project.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {inviteProject && (
              <label>
                Project role
                <ProjectRoleSelect value={inviteProjectRole} onChange={setInviteProjectRole} />
              </label>
            )}
            <button type="submit" disabled={action.busy}>
              Invite
            </button>
          </div>
        </form>
      )}
    </>
  );
}
