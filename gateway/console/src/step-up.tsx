import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from './app.tsx';
import { execute, GraphQLRequestError } from './client.ts';
import {
  RequestSignInCode,
  StepUpWithEmailCode,
  StepUpWithPassword,
  StepUpWithRecoveryCode,
  StepUpWithTotp,
} from './operations.ts';
import { ErrorMessage, Notice } from './ui.tsx';
import { explain } from './errors.ts';

// A sensitive action on a session authenticated too long ago answers FORBIDDEN, reason
// STEP_UP_REQUIRED, with the factors that would do: the console asks for one (the dialog below,
// mounted once by the app), steps the session up, and the action is tried again once.

type Ask = (factors: readonly string[]) => Promise<boolean>;
let ask: Ask = async () => false;

/** True when the error asks for a step-up. */
export const needsStepUp = (error: unknown): error is GraphQLRequestError =>
  error instanceof GraphQLRequestError && error.code === 'FORBIDDEN' && error.reason === 'STEP_UP_REQUIRED';

/** Runs `action`; when it asks for a step-up, asks the person, steps up, and runs it once more. */
export async function withStepUp<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!needsStepUp(error)) throw error;
    if (!(await ask(error.extensions.factors ?? []))) throw error;
    return action();
  }
}

type Method = 'TOTP' | 'RECOVERY_CODE' | 'PASSWORD' | 'EMAIL_CODE';

const LABEL: Record<Method, string> = {
  TOTP: 'Authenticator app code',
  RECOVERY_CODE: 'Recovery code',
  PASSWORD: 'Password',
  EMAIL_CODE: 'Code sent by email',
};

export function StepUpDialog({ me }: { me: Me }) {
  const [pending, setPending] = useState<{ methods: Method[]; settle: (done: boolean) => void } | null>(null);
  const [method, setMethod] = useState<Method>('TOTP');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (next: Method) => {
    setMethod(next);
    setValue('');
    setError(null);
    setNotice(null);
    if (next === 'EMAIL_CODE') {
      try {
        await execute(RequestSignInCode, { email: me.email });
        setNotice(`A code is on its way to ${me.email}.`);
      } catch (thrown) {
        setError(explain(thrown));
      }
    }
  };

  useEffect(() => {
    ask = (factors) =>
      new Promise<boolean>((settle) => {
        const methods = (['TOTP', 'RECOVERY_CODE', 'PASSWORD', 'EMAIL_CODE'] as const).filter((m) =>
          factors.includes(m),
        );
        if (!methods.length) return settle(false);
        setPending({ methods, settle });
        void choose(methods[0]!);
      });
    return () => {
      ask = async () => false;
    };
  }, []);

  if (!pending) return null;

  const close = (done: boolean) => {
    pending.settle(done);
    setPending(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (method === 'TOTP') await execute(StepUpWithTotp, { code: value });
      else if (method === 'RECOVERY_CODE') await execute(StepUpWithRecoveryCode, { code: value });
      else if (method === 'PASSWORD') await execute(StepUpWithPassword, { password: value });
      else await execute(StepUpWithEmailCode, { code: value });
      close(true);
    } catch (thrown) {
      setError(explain(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay">
      <form
        className="card dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="step-up-heading"
        onSubmit={submit}
      >
        <h2 id="step-up-heading">Confirm it is you</h2>
        <p>This action needs a recent sign-in.</p>
        <label>
          {LABEL[method]}
          <input
            type={method === 'PASSWORD' ? 'password' : 'text'}
            autoComplete={method === 'PASSWORD' ? 'current-password' : 'one-time-code'}
            required
            autoFocus
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <div className="row">
          <button type="submit" disabled={busy}>
            Confirm
          </button>
          {pending.methods
            .filter((m) => m !== method)
            .map((m) => (
              <button key={m} type="button" className="secondary" onClick={() => void choose(m)}>
                {m === 'EMAIL_CODE' ? 'Email me a code' : `Use ${LABEL[m].toLowerCase()}`}
              </button>
            ))}
          <button type="button" className="secondary" onClick={() => close(false)}>
            Cancel
          </button>
        </div>
        <Notice>{notice}</Notice>
        <ErrorMessage>{error}</ErrorMessage>
      </form>
    </div>
  );
}
