import { useState, type FormEvent } from 'react';
import { execute, GraphQLRequestError } from '../client.ts';
import {
  CompleteSignInWithPasskey,
  CompleteSignInWithRecoveryCode,
  CompleteSignInWithTotp,
  RequestSignInCode,
  SignInWithCode,
  SignInWithPassword,
  StartSignInChallengePasskey,
} from '../operations.ts';
import { storeToken } from '../session.ts';
import { ErrorMessage, Notice } from '../ui.tsx';
import { useAction } from '../use-operation.ts';
import { SsoSignInForm } from './sso-sign-in.tsx';

/** Sign-in by an emailed code or by password; the session token goes to sessionStorage. */
export function SignInPage(props: { ended: boolean; onSignedIn: (token: string) => void }) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [passwordEmail, setPasswordEmail] = useState('');
  const [password, setPassword] = useState('');
  const codeAction = useAction();
  const passwordAction = useAction();
  // A first factor accepted from a person with a second factor: the challenge to complete.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [factors, setFactors] = useState<readonly string[]>([]);
  const [byRecoveryCode, setByRecoveryCode] = useState(false);
  const [factorCode, setFactorCode] = useState('');
  const factorAction = useAction();

  // A refused code or password is not an ended session: say what the graph said (no more).
  const refusedInWords = async <T,>(attempt: Promise<T>): Promise<T | null> => {
    try {
      return await attempt;
    } catch (error) {
      if (
        error instanceof GraphQLRequestError &&
        error.reason === 'SECOND_FACTOR_REQUIRED' &&
        error.extensions.challenge
      ) {
        setChallenge(error.extensions.challenge);
        const named = error.extensions.factors ?? ['TOTP', 'RECOVERY_CODE'];
        setFactors(named);
        setByRecoveryCode(!named.includes('TOTP'));
        setFactorCode('');
        return null;
      }
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
      if (data) signedIn(data.signInWithCode.token);
      return null;
    });
  };

  const withPassword = (event: FormEvent) => {
    event.preventDefault();
    void passwordAction.run(async () => {
      const data = await refusedInWords(execute(SignInWithPassword, { email: passwordEmail, password }));
      if (data) signedIn(data.signInWithPassword.token);
      return null;
    });
  };

  const withSecondFactor = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    void factorAction.run(async () => {
      try {
        const token = byRecoveryCode
          ? (await execute(CompleteSignInWithRecoveryCode, { challenge, code: factorCode }))
              .completeSignInWithRecoveryCode.token
          : (await execute(CompleteSignInWithTotp, { challenge, code: factorCode })).completeSignInWithTotp
              .token;
        signedIn(token);
      } catch (error) {
        // A spent or expired challenge: back to the first factor.
        if (error instanceof GraphQLRequestError && error.reason === 'CHALLENGE_EXPIRED') setChallenge(null);
        throw error;
      }
      return null;
    });
  };

  const withPasskey = () => {
    if (!challenge) return;
    void factorAction.run(async () => {
      const started = (await execute(StartSignInChallengePasskey, { challenge })).startSignInChallengePasskey;
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(started.options));
      let credential: Credential | null;
      try {
        credential = await navigator.credentials.get({ publicKey });
      } catch {
        throw new GraphQLRequestError('SIGN_IN_REFUSED', 'the browser or the passkey declined');
      }
      if (!(credential instanceof PublicKeyCredential))
        throw new GraphQLRequestError('SIGN_IN_REFUSED', 'no passkey was given');
      const data = await execute(CompleteSignInWithPasskey, {
        challenge,
        ceremonyId: started.ceremonyId,
        response: JSON.stringify(credential.toJSON()),
      });
      signedIn(data.completeSignInWithPasskey.token);
      return null;
    });
  };
  const passkeyOffered = factors.includes('PASSKEY') && 'PublicKeyCredential' in window;
  // The challenge names the factors the person has: a code field only for an app or recovery codes.
  const byCode = factors.includes('TOTP') || factors.includes('RECOVERY_CODE');

  if (challenge) {
    return (
      <main>
        <h1>Sign in to the Steward console</h1>
        <form className="card" aria-labelledby="factor-heading" onSubmit={withSecondFactor}>
          <h2 id="factor-heading">Second factor</h2>
          {byCode && (
            <>
              <p>
                {byRecoveryCode
                  ? 'Enter one of your recovery codes (each works once).'
                  : 'Enter the code your authenticator app shows.'}
              </p>
              <label>
                {byRecoveryCode ? 'Recovery code' : 'App code'}
                <input
                  autoComplete="one-time-code"
                  inputMode={byRecoveryCode ? 'text' : 'numeric'}
                  required
                  autoFocus
                  value={factorCode}
                  onChange={(event) => setFactorCode(event.target.value)}
                />
              </label>
            </>
          )}
          <div className="row">
            {byCode && (
              <button type="submit" disabled={factorAction.busy}>
                Continue
              </button>
            )}
            {factors.includes('TOTP') && factors.includes('RECOVERY_CODE') && (
              <button
                type="button"
                className="secondary"
                onClick={() => (setByRecoveryCode(!byRecoveryCode), setFactorCode(''))}
              >
                {byRecoveryCode ? 'Use the app instead' : 'Use a recovery code'}
              </button>
            )}
            {passkeyOffered && (
              <button type="button" className="secondary" disabled={factorAction.busy} onClick={withPasskey}>
                Use a passkey
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setChallenge(null)}>
              Start again
            </button>
          </div>
          <ErrorMessage>{factorAction.error}</ErrorMessage>
        </form>
      </main>
    );
  }

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
      <SsoSignInForm />
    </main>
  );
}
