import { useCallback, useEffect, useState } from 'react';
import { execute, whenSessionEnds } from './client.ts';
import { explain } from './errors.ts';
import type { ConsoleMeQuery } from './generated/graphql.ts';
import { MeQuery, SignOut } from './operations.ts';
import { CertificatesPage } from './pages/certificates.tsx';
import { OrganizationPage } from './pages/organization.tsx';
import { OrganizationsPage } from './pages/organizations.tsx';
import { ProfilePage } from './pages/profile.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { SSO_CALLBACK_PATH, SsoCallback } from './pages/sso-sign-in.tsx';
import { Link, navigate, usePath } from './router.tsx';
import { clearToken, readToken } from './session.ts';
import { StepUpDialog } from './step-up.tsx';
import { ErrorMessage, Loading } from './ui.tsx';

export type Me = NonNullable<ConsoleMeQuery['me']>;

export function App() {
  const path = usePath();
  const [token, setToken] = useState(readToken);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const data = await execute(MeQuery);
      if (!data.me) {
        // The token signs no one in any more (ended elsewhere): back to sign-in.
        clearToken();
        setToken(null);
        setEnded(true);
        return;
      }
      setMe(data.me);
      setError(null);
    } catch (thrown) {
      setError(explain(thrown));
    }
  }, []);

  useEffect(() => {
    whenSessionEnds(() => {
      setToken(null);
      setMe(null);
      setEnded(true);
    });
  }, []);
  useEffect(() => {
    if (token) void refresh();
  }, [token, refresh]);

  if (!token && path === SSO_CALLBACK_PATH) {
    return (
      <SsoCallback
        onSignedIn={(signedIn) => {
          setEnded(false);
          setToken(signedIn);
          navigate('');
        }}
      />
    );
  }
  if (!token) {
    return (
      <SignInPage
        ended={ended}
        onSignedIn={(signedIn) => {
          setEnded(false);
          setToken(signedIn);
          if (path === '/sign-in') navigate('');
        }}
      />
    );
  }

  const signOut = async () => {
    try {
      await execute(SignOut);
    } catch {
      // Signed out here whatever the graph answers: the token is dropped below.
    }
    clearToken();
    setToken(null);
    setMe(null);
    navigate('');
  };

  const organizationMatch = /^\/organizations\/([^/]+)(?:\/([a-z-]+)(?:\/([^/]+))?)?/.exec(path);
  let page;
  if (!me) page = error ? <ErrorMessage>{error}</ErrorMessage> : <Loading />;
  else if (path === '/profile') page = <ProfilePage me={me} />;
  else if (path === '/certificates') page = <CertificatesPage />;
  else if (organizationMatch)
    page = (
      <OrganizationPage
        me={me}
        organizationId={decodeURIComponent(organizationMatch[1]!)}
        section={organizationMatch[2] ?? 'overview'}
        item={organizationMatch[3] ? decodeURIComponent(organizationMatch[3]) : null}
      />
    );
  else page = <OrganizationsPage me={me} onChanged={refresh} />;

  return (
    <>
      <header className="top">
        <Link to="">Steward console</Link>
        <nav aria-label="Account">
          {me && <span className="who">{me.email}</span>}
          <Link to="/profile" current={path === '/profile'}>
            Profile
          </Link>
          <Link to="/certificates" current={path === '/certificates'}>
            Certificates
          </Link>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main>{page}</main>
      {me && <StepUpDialog me={me} />}
    </>
  );
}
