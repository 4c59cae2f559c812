import { useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import type { ProjectRole } from '../generated/graphql.ts';
import {
  CreateProject,
  OrganizationMembers,
  OrganizationProjects,
  ProjectMembers,
  ProjectQuery,
  SetProjectRole,
} from '../operations.ts';
import { may, mayInProject } from '../permissions.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorMessage, Loading, Notice } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

export const projectRoleName = (role: ProjectRole | null | undefined) =>
  role === 'EDITOR' ? 'Editor' : role === 'PARTICIPANT' ? 'Participant' : '—';

/** A project role to choose (a participant unless the person picks editor). */
export function ProjectRoleSelect(props: {
  value: ProjectRole;
  onChange: (role: ProjectRole) => void;
  label?: string;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value === 'EDITOR' ? 'EDITOR' : 'PARTICIPANT')}
    >
      <option value="PARTICIPANT">Participant</option>
      <option value="EDITOR">Editor</option>
    </select>
  );
}

/** The organization's projects the person sees (an admin all of them), and a new one for admins. */
export function ProjectsPage(props: SectionProps & { projectId: string | null }) {
  if (props.projectId) return <ProjectPage {...props} projectId={props.projectId} />;
  return <ProjectList {...props} />;
}

const projectPath = (organizationId: string, projectId: string) =>
  `/organizations/${encodeURIComponent(organizationId)}/projects/${encodeURIComponent(projectId)}`;

function ProjectList({ organizationId, role }: SectionProps) {
  const projects = useLoad(() => execute(OrganizationProjects, { id: organizationId }), [organizationId]);
  const action = useAction();
  const [name, setName] = useState('');

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const data = await execute(CreateProject, { organizationId, name });
      setName('');
      navigate(projectPath(organizationId, data.createProject.id));
    });
  };

  const list = projects.data?.organization?.projects ?? [];
  return (
    <>
      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">Projects</h2>
        <ErrorMessage>{projects.error}</ErrorMessage>
        {projects.loading && !projects.data && <Loading />}
        {projects.data &&
          (list.length === 0 ? (
            <p>No projects{role === 'ADMIN' ? ' yet' : ' of yours'}.</p>
          ) : (
            <div className="table-wrap">
              <table aria-label="Projects">
                <thead>
                  <tr>
                    <th scope="col">Project</th>
                    <th scope="col">Your role</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((project) => (
                    <tr key={project.id}>
                      <th scope="row">
                        <Link to={projectPath(organizationId, project.id)}>{project.name}</Link>
                      </th>
                      <td>{projectRoleName(project.viewerRole)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      {may(role, 'projects:create') && (
        <form className="card" aria-labelledby="create-project-heading" onSubmit={create}>
          <h2 id="create-project-heading">Create a project</h2>
          <div className="row">
            <label>
              Project name
              <input required value={name} onChange={(event) => setName(event.target.value)} />
            </label>
            <button type="submit" disabled={action.busy}>
              Create project
            </button>
          </div>
          <ErrorMessage>{action.error}</ErrorMessage>
        </form>
      )}
    </>
  );
}

/** One project: its members for its editors, with what the person's project role may change. */
function ProjectPage({ organizationId, role, me, projectId }: SectionProps & { projectId: string }) {
  const project = useLoad(() => execute(ProjectQuery, { id: projectId }), [projectId]);
  const viewerRole = project.data?.project?.viewerRole ?? null;

  if (project.loading && !project.data) return <Loading />;
  if (project.error) return <ErrorMessage>{project.error}</ErrorMessage>;
  const found = project.data?.project;
  if (!found) return <ErrorMessage>Not found: it does not exist, or it is not visible to you.</ErrorMessage>;

  return (
    <>
      <section aria-labelledby="project-heading">
        <h2 id="project-heading">Project {found.name}</h2>
        <p>
          <Link to={`/organizations/${encodeURIComponent(organizationId)}/projects`}>All projects</Link>
        </p>
        <dl>
          <dt>Your role in the project</dt>
          <dd>{projectRoleName(viewerRole)}</dd>
        </dl>
        {!mayInProject(role, viewerRole, 'project-members:read') && (
          <p>A participant reads the project; its editors see and manage its members.</p>
        )}
      </section>
      {mayInProject(role, viewerRole, 'project-members:read') && (
        <ProjectMemberList
          organizationId={organizationId}
          role={role}
          me={me}
          projectId={projectId}
          viewerRole={viewerRole}
        />
      )}
    </>
  );
}

function ProjectMemberList({
  organizationId,
  role,
  me,
  projectId,
  viewerRole,
}: SectionProps & { projectId: string; viewerRole: ProjectRole | null }) {
  const members = useLoad(() => execute(ProjectMembers, { id: projectId }), [projectId]);
  // Whom an admin may add: the organization's members (editors cannot list them).
  const candidates = useLoad(
    async () =>
      may(role, 'members:read')
        ? (await execute(OrganizationMembers, { id: organizationId })).organization
        : null,
    [organizationId, role],
  );
  const action = useAction();
  const [chosen, setChosen] = useState<Record<string, ProjectRole>>({});
  const [addUser, setAddUser] = useState('');
  const [addRole, setAddRole] = useState<ProjectRole>('PARTICIPANT');
  const managesEditors = mayInProject(role, viewerRole, 'project-editors:manage');
  const managesParticipants = mayInProject(role, viewerRole, 'project-participants:manage');

  const list = members.data?.project?.members ?? [];
  const inProject = new Set(list.map((m) => m.user.id));
  const addable = (candidates.data?.members ?? []).filter((m) => !inProject.has(m.user.id));
  const setRole = async (userId: string, email: string | null, to: ProjectRole | null) => {
    const changed = (await execute(SetProjectRole, { projectId, userId, role: to })).setProjectRole;
    await members.reload();
    const who = changed?.user.email ?? email ?? userId;
    return to ? `${who} is now ${projectRoleName(to)} of the project.` : `${who} left the project.`;
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const userId = addUser.trim();
    const email = addable.find((m) => m.user.id === userId)?.user.email ?? null;
    void action.run(async () => {
      const done = await setRole(userId, email, managesEditors ? addRole : 'PARTICIPANT');
      setAddUser('');
      return done;
    });
  };

  return (
    <>
      <section aria-labelledby="project-members-heading">
        <h2 id="project-members-heading">Project members</h2>
        <ErrorMessage>{members.error}</ErrorMessage>
        <Notice>{action.done}</Notice>
        <ErrorMessage>{action.error}</ErrorMessage>
        {members.loading && !members.data && <Loading />}
        {members.data && list.length === 0 && <p>No members yet.</p>}
        {list.length > 0 && (
          <div className="table-wrap">
            <table aria-label="Project members">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Project role</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((member) => {
                  const { id, email } = member.user;
                  const selected = chosen[id] ?? member.role;
                  // An editor manages participants only: never an editor's role, their own included.
                  const mayChange = managesEditors || (managesParticipants && member.role === 'PARTICIPANT');
                  return (
                    <tr key={id}>
                      <th scope="row">
                        {email}
                        {id === me.id ? ' (you)' : ''}
                      </th>
                      <td>{projectRoleName(member.role)}</td>
                      <td className="actions">
                        {managesEditors && (
                          <>
                            <ProjectRoleSelect
                              label={`Project role of ${email}`}
                              value={selected}
                              onChange={(to) => setChosen({ ...chosen, [id]: to })}
                            />
                            <button
                              type="button"
                              disabled={action.busy || selected === member.role}
                              aria-label={`Change project role of ${email}`}
                              onClick={() => void action.run(() => setRole(id, email, selected))}
                            >
                              Change project role
                            </button>
                          </>
                        )}
                        {mayChange && (
                          <button
                            type="button"
                            className="danger"
                            disabled={action.busy}
                            aria-label={`Remove ${email} from the project`}
                            onClick={() => void action.run(() => setRole(id, email, null))}
                          >
                            Remove from project
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
      {managesParticipants && (
        <form className="card" aria-labelledby="add-project-member-heading" onSubmit={add}>
          <h2 id="add-project-member-heading">Add a member to the project</h2>
          <div className="row">
            {candidates.data ? (
              <label>
                Member
                <select required value={addUser} onChange={(event) => setAddUser(event.target.value)}>
                  <option value="">Choose a member</option>
                  {addable.map((m) => (
                    <option key={m.user.id} value={m.user.id}>
                      {m.user.email}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label>
                Member’s user id
                <input required value={addUser} onChange={(event) => setAddUser(event.target.value)} />
              </label>
            )}
            {managesEditors ? (
              <label>
                Project role
                <ProjectRoleSelect value={addRole} onChange={setAddRole} />
              </label>
            ) : (
              <p>Editors add participants; an admin makes someone an editor.</p>
            )}
            <button type="submit" disabled={action.busy}>
              Add to project
            </button>
          </div>
        </form>
      )}
    </>
  );
}
