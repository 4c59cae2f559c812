import { announceUsersHook, type DestroyOptions } from '../../protocols/subject-data/destroy-route.ts';
import {
  auditOutboxTable,
  DESTRUCTION_PROGRESS_TABLE,
  type SubjectDataDeclaration,
} from '../../protocols/subject-data/subject-data.ts';
import type { Mailer } from '../../runtime/mailer.ts';
import { announcePrincipalChanges } from '../../../platform/principal-changes.ts';
import { UserSchema } from './user/user.entity.ts';
import { SessionSchema } from './session/session.entity.ts';
import { SignInAttemptSchema } from './sign-in-attempt/sign-in-attempt.entity.ts';
import { ApiKeySchema } from './api-key/api-key.entity.ts';
import {
  OrganizationSsoDomainSchema,
  OrganizationSsoSchema,
} from './organization-sso/organization-sso.entity.ts';
import { PasskeySchema } from './passkey/passkey.entity.ts';
import { SignInPolicySchema } from './sign-in-policy/sign-in-policy.entity.ts';

const emailOfUser = '(select u.email from identity.users u where u.id = ?)';

/**
 * Where identity's `@subject` types are stored, and its subject tables no type exposes. Deletion
 * runs in this order: a user's dependants before the user (their foreign keys cascade).
 */
export const identitySubjectData: SubjectDataDeclaration = {
  schema: 'identity',
  types: {
    Session: { entity: SessionSchema },
    // Attempts with the user's address from before the account existed are theirs too.
    SignInAttempt: { entity: SignInAttemptSchema, alsoOfUser: `user_id is null and email = ${emailOfUser}` },
    ApiKey: { entity: ApiKeySchema },
    OrganizationSsoDomain: { entity: OrganizationSsoDomainSchema },
    OrganizationSso: {
      entity: OrganizationSsoSchema,
      derived: { hasClientSecret: 'client_secret_sealed is not null' },
    },
    Passkey: { entity: PasskeySchema },
    SignInPolicy: { entity: SignInPolicySchema },
    // The display name sealed under the person's key (user/display-name.ts).
    User: {
      entity: UserSchema,
      derived: { hasPassword: 'password_hash is not null' },
      sealed: ['displayName'],
    },
  },
  unexposed: [
    {
      table: 'operator_grants',
      strategy: 'ERASE',
      subject: 'user_id',
      reason: "A grant of the operator role to one of the SaaS operator's staff (who granted and revoked it)",
      destroyWhere: { user: 'user_id = ?' },
    },
    {
      table: 'sign_in_codes',
      strategy: 'ERASE',
      subject: 'email',
      reason: 'Salted hash of a one-time code, short-lived',
      destroyWhere: { user: `email = ${emailOfUser}` },
    },
    {
      table: 'sign_in_code_mails',
      strategy: 'ERASE',
      subject: 'email',
      reason: 'Sign-in mails sent to the address this hour (their limit)',
      destroyWhere: { user: `email = ${emailOfUser}` },
    },
    {
      table: 'sign_in_throttles',
      strategy: 'ERASE',
      subject: "key 'email:<address>' (its sign-in failures) or 'unlock:email:<address>' (admins' unlocks)",
      reason: 'Brute-force counters',
      destroyWhere: { user: `regexp_replace(key, '^unlock:', '') = 'email:' || ${emailOfUser}` },
    },
    {
      table: 'passkey_ceremonies',
      strategy: 'ERASE',
      subject: 'user_id, or the address a sign-in was started with',
      reason: 'WebAuthn challenges waiting for an answer, minutes-long',
      destroyWhere: { user: `user_id = ? or email = ${emailOfUser}` },
    },
    {
      table: 'totp_factors',
      strategy: 'ERASE',
      subject: 'user_id',
      reason: 'Authenticator app secret (sealed under STEWARD_FACTOR_KEY) and last time step used',
      destroyWhere: { user: 'user_id = ?' },
    },
    {
      table: 'recovery_codes',
      strategy: 'ERASE',
      subject: 'user_id',
      reason: 'Keyed hashes of recovery codes',
      destroyWhere: { user: 'user_id = ?' },
    },
    {
      table: 'sign_in_challenges',
      strategy: 'ERASE',
      subject: 'user_id',
      reason: 'Hashes of a sign-in awaiting its second factor and of its client, minutes-long',
      destroyWhere: { user: 'user_id = ?' },
    },
    {
      table: 'oidc_flows',
      strategy: 'NONE',
      subject: 'none (before sign-in)',
      reason: 'OIDC state, nonce and PKCE verifier of a sign-in in progress, minutes-long',
    },
    // A failed sign-in's event names the address in its details (and, for a known one, the user as target).
    auditOutboxTable({ alsoOfUser: `event->'metadata'->>'email' = ${emailOfUser}` }),
    DESTRUCTION_PROGRESS_TABLE,
  ],
};

/**
 * A deleted user's sessions and an organization's deleted keys stop working at once: every
 * gateway drops the principals built from them when the batch commits. The mails kept for a
 * deleted user's address (the development mailbox) go with the user.
 */
export const identityDestroyOptions = (mailer: Mailer): DestroyOptions => ({
  hooks: {
    Session: announceUsersHook('user_id'),
    ApiKey: {
      after: async (em, _subject, rows) => {
        await announcePrincipalChanges(
          em,
          rows.map((row) => ({ kind: 'apiKey' as const, id: row.key! })),
        );
      },
    },
    User: {
      returning: 'email',
      after: async (em, subject, rows) => {
        await announceUsersHook('key').after(em, subject, rows);
        for (const row of rows) await mailer.forget({ address: row.email! });
      },
    },
  },
});
