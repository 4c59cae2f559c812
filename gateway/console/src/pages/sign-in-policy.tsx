import { useEffect, useState, type FormEvent } from 'react';
import { execute } from '../client.ts';
import type { SecondFactorRequirement, SignInMethod } from '../generated/graphql.ts';
import { SetSignInPolicy, SignInPolicy } from '../operations.ts';
import { ErrorMessage, Loading, Notice, When } from '../ui.tsx';
import { useAction, useLoad } from '../use-operation.ts';
import type { SectionProps } from './organization.tsx';

const REQUIREMENTS: { value: SecondFactorRequirement; label: string }[] = [
  { value: 'NONE', label: 'No one' },
  { value: 'ADMINS', label: 'Admins' },
  { value: 'EVERYONE', label: 'Everyone' },
];

// The first factors a policy may allow (second factors and development sign-in are not choices).
const METHODS: { value: SignInMethod; label: string }[] = [
  { value: 'EMAIL_CODE', label: 'Code sent by email' },
  { value: 'PASSWORD', label: 'Password' },
  { value: 'OIDC', label: 'OpenID Connect' },
  { value: 'SSO', label: 'Single sign-on' },
  { value: 'PASSKEY', label: 'Passkey' },
];

/** An admin sets who must give a second factor, and the sign-in methods members may use. */
export function SignInPolicyPage({ organizationId }: SectionProps) {
  const policy = useLoad(() => execute(SignInPolicy, { organizationId }), [organizationId]);
  const action = useAction();
  const [secondFactor, setSecondFactor] = useState<SecondFactorRequirement>('NONE');
  const [anyMethod, setAnyMethod] = useState(true);
  const [methods, setMethods] = useState<SignInMethod[]>([]);
  const current = policy.data?.signInPolicy;

  useEffect(() => {
    if (!current) return;
    setSecondFactor(current.secondFactor);
    setAnyMethod(!current.allowedMethods);
    setMethods(current.allowedMethods ?? []);
  }, [current]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await execute(SetSignInPolicy, {
        organizationId,
        policy: { secondFactor, allowedMethods: anyMethod ? null : methods },
      });
      await policy.reload();
      return 'The sign-in policy was saved.';
    });
  };

  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Sign-in policy</h2>
      <ErrorMessage>{action.error ?? policy.error}</ErrorMessage>
      <Notice>{action.done}</Notice>
      {policy.loading && !current && <Loading />}
      {current && (
        <form className="card" aria-labelledby="policy-heading" onSubmit={save}>
          <p>
            Last changed: <When at={current.updatedAt} />
          </p>
          <fieldset>
            <legend>A second factor is required of</legend>
            {REQUIREMENTS.map((r) => (
              <label key={r.value}>
                <input
                  type="radio"
                  name="second-factor"
                  checked={secondFactor === r.value}
                  onChange={() => setSecondFactor(r.value)}
                />
                {r.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Sign-in methods allowed</legend>
            <label>
              <input
                type="checkbox"
                checked={anyMethod}
                onChange={(event) => setAnyMethod(event.target.checked)}
              />
              Any method
            </label>
            {!anyMethod &&
              METHODS.map((m) => (
                <label key={m.value}>
                  <input
                    type="checkbox"
                    checked={methods.includes(m.value)}
                    onChange={(event) =>
                      setMethods(
                        event.target.checked ? [...methods, m.value] : methods.filter((x) => x !== m.value),
                      )
                    }
                  />
                  {m.label}
                </label>
              ))}
          </fieldset>
          <button type="submit" disabled={action.busy || (!anyMethod && !methods.length)}>
            Save policy
          </button>
        </form>
      )}
    </section>
  );
}
