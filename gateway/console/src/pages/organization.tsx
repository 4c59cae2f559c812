import type { Me } from '../app.tsx';
import { may, type Action } from '../permissions.ts';
import { Link } from '../router.tsx';
import { ApiKeysPage } from './api-keys.tsx';
import { AuditLogPage } from './audit-log.tsx';
import { DataPage } from './data.tsx';
import { MembersPage } from './members.tsx';
import { ProjectsPage } from './projects.tsx';
import { SignInActivityPage } from './sign-in-activity.tsx';
import { SignInPolicyPage } from './sign-in-policy.tsx';
import { SingleSignOnPage } from './single-sign-on.tsx';

const SECTIONS: { id: string; label: string; needs: Action | null }[] = [
  { id: 'overview', label: 'Overview', needs: null },
  { id: 'members', label: 'Members', needs: 'members:read' },
  { id: 'projects', label: 'Projects', needs: 'projects:read' },
  { id: 'activity', label: 'Sessions and sign-ins', needs: 'sign-in-activity:read' },
  { id: 'audit', label: 'Audit log', needs: 'audit:read' },
  { id: 'api-keys', label: 'API keys', needs: 'api-keys:manage' },
  { id: 'data', label: 'Data', needs: 'data:export-organization' },
  { id: 'sign-in-policy', label: 'Sign-in policy', needs: 'sign-in-policy:set' },
  { id: 'sso', label: 'Single sign-on', needs: 'sso:manage' },
];

/**
 * One organization: the sections its role allows are offered. A section opened by its URL without
 * the role still asks the graph, which refuses: the refusal is shown in words.
 */
export function OrganizationPage({
  me,
  organizationId,
  section,
  item,
}: {
  me: Me;
  organizationId: string;
  section: string;
  /** An item of the section (a project's id), from the path after the section. */
  item: string | null;
}) {
  const membership = me.memberships.find((m) => m.organization.id === organizationId) ?? null;
  const role = membership?.role ?? null;
  const offered = SECTIONS.filter((s) => s.needs === null || may(role, s.needs));
  const base = `/organizations/${encodeURIComponent(organizationId)}`;
  const props = { organizationId, role, me };

  let body;
  switch (section) {
    case 'members':
      body = <MembersPage {...props} />;
      break;
    case 'projects':
      body = <ProjectsPage {...props} projectId={item} />;
      break;
    case 'activity':
      body = <SignInActivityPage {...props} />;
      break;
    case 'audit':
      body = <AuditLogPage {...props} />;
      break;
    case 'api-keys':
      body = <ApiKeysPage {...props} />;
      break;
    case 'data':
      body = <DataPage {...props} />;
      break;
    case 'sso':
      body = <SingleSignOnPage {...props} />;
      break;
    case 'sign-in-policy':
      body = <SignInPolicyPage {...props} />;
      break;
    default:
      body = (
        <section aria-labelledby="overview-heading">
          <h2 id="overview-heading">Overview</h2>
          {membership ? (
            <dl>
              <dt>Your role</dt>
              <dd>{role === 'ADMIN' ? 'Admin' : 'Member'}</dd>
              <dt>Region</dt>
              <dd>{membership.organization.region}</dd>
              <dt>Status</dt>
              <dd>{membership.organization.status}</dd>
            </dl>
          ) : (
            <p role="alert" className="error">
              Not found: it does not exist, or it is not visible to you.
            </p>
          )}
          {role === 'MEMBER' && (
            <p>
              Members see the projects they belong to, their own profile and sessions; an admin manages the
              organization.
            </p>
          )}
        </section>
      );
  }

  return (
    <>
      <h1>{membership?.organization.name ?? 'Organization'}</h1>
      <nav className="sections" aria-label="Organization">
        <Link to="">All organizations</Link>
        {offered.map((s) => (
          <Link key={s.id} to={s.id === 'overview' ? base : `${base}/${s.id}`} current={s.id === section}>
            {s.label}
          </Link>
        ))}
      </nav>
      {body}
    </>
  );
}

export interface SectionProps {
  organizationId: string;
  role: 'ADMIN' | 'MEMBER' | null;
  me: Me;
}
