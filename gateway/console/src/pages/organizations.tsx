import { useState, type FormEvent } from 'react';
import type { Me } from '../app.tsx';
import { execute } from '../client.ts';
import { AcceptInvitation, CreateOrganization } from '../operations.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorMessage, Notice } from '../ui.tsx';
import { useAction } from '../use-operation.ts';

/** The organization picker: the person's memberships, a new organization, an invitation to accept. */
export function OrganizationsPage({ me, onChanged }: { me: Me; onChanged: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [invitation, setInvitation] = useState('');
  const create = useAction();
  const accept = useAction();

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      const data = await execute(CreateOrganization, { name });
      await onChanged();
      navigate(`/organizations/${data.createOrganization.id}`);
    });
  };
  const onAccept = (event: FormEvent) => {
    event.preventDefault();
    void accept.run(async () => {
      const data = await execute(AcceptInvitation, { token: invitation.trim() });
      setInvitation('');
      await onChanged();
      return `You joined ${data.acceptInvitation.organization.name}.`;
    });
  };

  return (
    <>
      <h1>Organizations</h1>
      <section aria-labelledby="organizations-heading">
        <h2 id="organizations-heading">Choose an organization</h2>
        {me.memberships.length === 0 ? (
          <p>You are not a member of any organization yet.</p>
        ) : (
          <ul aria-label="Your organizations">
            {me.memberships.map((membership) => (
              <li key={membership.organization.id}>
                <Link to={`/organizations/${membership.organization.id}`}>
                  {membership.organization.name}
                </Link>{' '}
                ({membership.role === 'ADMIN' ? 'admin' : 'member'}, region {membership.organization.region})
              </li>
            ))}
          </ul>
        )}
      </section>
      <form className="card" aria-labelledby="accept-heading" onSubmit={onAccept}>
        <h2 id="accept-heading">Accept an invitation</h2>
        <label>
          Invitation token
          <input required value={invitation} onChange={(event) => setInvitation(event.target.value)} />
        </label>
        <button type="submit" disabled={accept.busy}>
          Accept invitation
        </button>
        <Notice>{accept.done}</Notice>
        <ErrorMessage>{accept.error}</ErrorMessage>
      </form>
      <form className="card" aria-labelledby="create-heading" onSubmit={onCreate}>
        <h2 id="create-heading">Create an organization</h2>
        <label>
          Organization name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" disabled={create.busy}>
          Create organization
        </button>
        <ErrorMessage>{create.error}</ErrorMessage>
      </form>
    </>
  );
}
