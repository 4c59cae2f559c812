import { useEffect, useRef, useState, type FormEvent } from 'react';
import { execute, GraphQLRequestError } from '../client.ts';
import { explain } from '../errors.ts';
import { CompleteSsoSignIn, StartSsoSignIn } from '../operations.ts';
import { BASE, Link } from '../router.tsx';
import { storeToken } from '../session.ts';
import { ErrorMessage, Loading } from '../ui.tsx';
import { useAction } from '../use-operation.ts';

// Single sign-on through the person's organization's own identity provider (OpenID Connect): the
// graph names the provider for the address's verified domain, the browser goes there and comes
// back to /console/sso/callback, and the graph completes the sign-in with that URL (state, PKCE).

export const SSO_CALLBACK_PATH = '/sso/callback';
/** Which organization's provider the browser went to: needed again on the way back. */
const PENDING = 'steward.console.sso';

export function SsoSignInForm() {
  const [email, setEmail] = useState('');
  const action = useAction();
  const start = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const redirectUri = `${location.origin}${BASE}${SSO_CALLBACK_PATH}`;
      const data = await execute(StartSsoSignIn, { email, redirectUri });
      sessionStorage.setItem(PENDING, data.startSsoSignIn.organizationId);
      location.assign(data.startSsoSignIn.authorizationUrl);
      return 'Taking you to your organization’s sign-in…';
    });
  };
  return (
    <form className="card" aria-labelledby="sso-heading" onSubmit={start}>
      <h2 id="sso-heading">With your organization’s single sign-on</h2>
      <label>
        Work email
        <input
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <button type="submit" disabled={action.busy}>
        Continue with single sign-on
      </button>
      <ErrorMessage>{action.error}</ErrorMessage>
    </form>
  );
}

/** Where the provider sends the browser back: completes the sign-in once, or says why not. */
export function SsoCallback(props: { onSignedIn: (token: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    // Once: the provider's code is spent by the first attempt (StrictMode runs effects twice).
    if (started.current) return;
    started.current = true;
    const organizationId = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    if (!organizationId) {
      setError('This sign-in was not started here, or was already completed. Start again.');
      return;
    }
    execute(CompleteSsoSignIn, { organizationId, callbackUrl: location.href })
      .then((data) => {
        storeToken(data.completeSsoSignIn.token);
        props.onSignedIn(data.completeSsoSignIn.token);
      })
      .catch((thrown: unknown) =>
        setError(
          explain(
            thrown instanceof GraphQLRequestError && thrown.code === 'UNAUTHENTICATED'
              ? new GraphQLRequestError('SIGN_IN_REFUSED', thrown.message)
              : thrown,
          ),
        ),
      );
  }, [props]);
  return (
    <main>
      <h1>Sign in to the Steward console</h1>
      {error ? (
        <>
          <ErrorMessage>{error}</ErrorMessage>
          <Link to="">Back to sign-in</Link>
        </>
      ) : (
        <Loading />
      )}
    </main>
  );
}
