import type { SubjectDataDeclaration } from '../../kit/lifecycle/subject-data.ts';
import { UserSchema } from './user/user.entity.ts';
import { SessionSchema } from './session/session.entity.ts';
import { SignInAttemptSchema } from './sign-in-attempt/sign-in-attempt.entity.ts';
import { ApiKeySchema } from './api-key/api-key.entity.ts';

/** Where identity's `@subject` types are stored, and its subject tables no type exposes. */
export const identitySubjectData: SubjectDataDeclaration = {
  schema: 'identity',
  types: {
    User: { entity: UserSchema, derived: { hasPassword: 'password_hash is not null' } },
    Session: { entity: SessionSchema },
    SignInAttempt: { entity: SignInAttemptSchema },
    ApiKey: { entity: ApiKeySchema },
  },
  unexposed: [
    {
      table: 'sign_in_codes',
      strategy: 'ERASE',
      subject: 'email',
      reason: 'Salted hash of a one-time code, short-lived',
    },
    {
      table: 'sign_in_throttles',
      strategy: 'ERASE',
      subject: "key 'email:<address>'",
      reason: 'Brute-force counters',
    },
    {
      table: 'oidc_flows',
      strategy: 'ERASE',
      subject: 'none (pre-sign-in)',
      reason: 'OIDC state, minutes-long',
    },
    {
      table: 'audit_outbox',
      strategy: 'ERASE',
      subject: 'event actor id',
      reason: 'Audit events awaiting delivery',
    },
  ],
};
