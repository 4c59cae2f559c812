import { useState, type FormEvent } from 'react';
import { execute, GraphQLRequestError } from '../client.ts';
import { RequestSignInCode, SignInWithCode, SignInWithPassword } from '../operations.ts';
import { storeToken } from '../session.ts';
import { ErrorMessage, Notice } from '../ui.tsx';
import { useAction } from '../use-operation.ts';

/** Sign-in by an emailed code or by password; the session token goes to sessionStorage. */
export function SignInPage(props: { ended: boolean; onSignedIn: (token: string) => void }) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [passwordEmail, setPasswordEmail] = useState('');
  const [password, setPassword] = useState('');
  const codeAction = useAction();
  const passwordAction = useAction();

  // A refused code or password is not an ended session: say what the graph said (no more).
  const refusedInWords = async <T,>(attempt: Promise<T>): Promise<T> => {
    try {
      return await attempt;
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED')
        throw new GraphQLRequestError('SIGN_IN_REFUSED', error.message);
      throw error;
    }
  };

  const signedIn = (token: string) => {
    storeToken(token);
    props.onSignedIn(token);
  };

  const sendCode = (event: FormEvent) => {
    event.preventDefault();
    void codeAction.run(async () => {
      if (!codeSent) {
        await execute(RequestSignInCode, { email });
        setCodeSent(true);
        return `If ${email} can sign in, a code is on its way. Enter it below.`;
      }
      const data = await refusedInWords(execute(SignInWithCode, { email, code }));
      signedIn(data.signInWithCode.token);
      return null;
    });
  };

  const withPassword = (event: FormEvent) => {
    event.preventDefault();
    void passwordAction.run(async () => {
      const data = await refusedInWords(execute(SignInWithPassword, { email: passwordEmail, password }));
      signedIn(data.signInWithPassword.token);
      return null;
    });
  };

  return (
    <main>
      <h1>Sign in to the Steward console</h1>
      {props.ended && <Notice>Your session has ended. Sign in again.</Notice>}
      <form className="card" aria-labelledby="code-heading" onSubmit={sendCode}>
        <h2 id="code-heading">With a code sent by email</h2>
        <label>
          Email
          <input
            type="email"
            autoComplete="email"
            required
            value={email}
            readOnly={codeSent}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        {codeSent && (
          <label>
            Code
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </label>
        )}
        <div className="row">
          <button type="submit" disabled={codeAction.busy}>
            {codeSent ? 'Sign in' : 'Send code'}
          </button>
          {codeSent && (
            <button type="button" className="secondary" onClick={() => (setCodeSent(false), setCode(''))}>
              Use another email
            </button>
          )}
        </div>
        <Notice>{codeAction.done}</Notice>
        <ErrorMessage>{codeAction.error}</ErrorMessage>
      </form>
      <form className="card" aria-labelledby="password-heading" onSubmit={withPassword}>
        <h2 id="password-heading">With a password</h2>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={passwordEmail}
            onChange={(event) => setPasswordEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" disabled={passwordAction.busy}>
          Sign in with password
        </button>
        <ErrorMessage>{passwordAction.error}</ErrorMessage>
      </form>
    </main>
  );
}
