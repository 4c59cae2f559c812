import { identityDestroyOptions, identitySubjectData } from './subject-data.ts';
import { loadTypeDefs, type SubgraphModule } from '../../runtime/subgraph-module.ts';
import { UserSchema } from './user/user.entity.ts';
import { SessionSchema } from './session/session.entity.ts';
import { createIdentityLoaders, type IdentityLoaders } from './loaders.ts';
import { createIdentityResolvers } from './resolvers.ts';
import type { IdentityOptions } from './options.ts';
import { identityPermissions } from './permissions.ts';
import { identityRetentionRoute, unattributedRetentionRoute } from './retention/retention-route.ts';
import { RETENTION_ROUTES } from '../../../contracts/retention.ts';
import { Migration20261121050000 } from './migrations/Migration20261121050000.ts';
import { Migration20261121080000 } from './migrations/Migration20261121080000.ts';
import { Migration20261121000000 } from './migrations/Migration20261121000000.ts';
import { OidcFlowSchema } from './oidc/oidc-flow.entity.ts';
import { Migration20261121010100 } from './migrations/Migration20261121010100.ts';
import { ApiKeySchema } from './api-key/api-key.entity.ts';
import { Migration20261121010200 } from './migrations/Migration20261121010200.ts';
import { SignInAttemptSchema } from './sign-in-attempt/sign-in-attempt.entity.ts';
import { Migration20261121010000 } from './migrations/Migration20261121010000.ts';
import { Migration20261206183000 } from './migrations/Migration20261206183000.ts';
import { Migration20261207050000 } from './migrations/Migration20261207050000.ts';
import {
  OrganizationSsoDomainSchema,
  OrganizationSsoSchema,
} from './organization-sso/organization-sso.entity.ts';
import { PasskeySchema } from './passkey/passkey.entity.ts';
import { PasskeyCeremonySchema } from './passkey/passkey-ceremony.entity.ts';
import { Migration20261207040000 } from './migrations/Migration20261207040000.ts';
import { Migration20261207030000 } from './migrations/Migration20261207030000.ts';
import { Migration20261207030100 } from './migrations/Migration20261207030100.ts';
import { Migration20261207080000 } from './migrations/Migration20261207080000.ts';
import { Migration20261208130500 } from './migrations/Migration20261208130500.ts';
import { SignInPolicySchema } from './sign-in-policy/sign-in-policy.entity.ts';
import { TotpFactorSchema } from './totp/totp-factor.entity.ts';
import { RecoveryCodeSchema } from './recovery-code/recovery-code.entity.ts';
import { SignInChallengeSchema } from './sign-in-challenge/sign-in-challenge.entity.ts';
import { Migration20261207020000 } from './migrations/Migration20261207020000.ts';
import { Migration20261207060300 } from './migrations/Migration20261207060300.ts';

export const identityEntities = [
  UserSchema,
  SessionSchema,
  OidcFlowSchema,
  ApiKeySchema,
  SignInAttemptSchema,
  OrganizationSsoSchema,
  OrganizationSsoDomainSchema,
  PasskeySchema,
  PasskeyCeremonySchema,
  TotpFactorSchema,
  RecoveryCodeSchema,
  SignInChallengeSchema,
  SignInPolicySchema,
];
export const identityMigrations = [
  Migration20261121000000,
  Migration20261121010000,
  Migration20261121010100,
  Migration20261121010200,
  Migration20261121050000,
  Migration20261121080000,
  Migration20261206183000,
  Migration20261207020000,
  Migration20261207030000,
  Migration20261207030100,
  Migration20261207040000,
  Migration20261207050000,
  Migration20261207060300,
  Migration20261207080000,
  Migration20261208130500,
];

export function createIdentityModule(options: IdentityOptions): SubgraphModule<IdentityLoaders> {
  return {
    name: 'identity',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createIdentityResolvers(options) as SubgraphModule<IdentityLoaders>['resolvers'],
    permissions: identityPermissions,
    entities: identityEntities,
    migrations: identityMigrations,
    createLoaders: createIdentityLoaders,
    warnings: options.warnings,
    subjectData: { declaration: identitySubjectData, destroy: identityDestroyOptions(options.mailer) },
    routes: {
      [RETENTION_ROUTES.identity]: identityRetentionRoute(options),
      [RETENTION_ROUTES.unattributed]: unattributedRetentionRoute,
    },
  };
}
