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
import { Migration20261207060300 } from './migrations/Migration20261207060300.ts';

export const identityEntities = [
  UserSchema,
  SessionSchema,
  OidcFlowSchema,
  ApiKeySchema,
  SignInAttemptSchema,
];
export const identityMigrations = [
  Migration20261121000000,
  Migration20261121010000,
  Migration20261121010100,
  Migration20261121010200,
  Migration20261121050000,
  Migration20261121080000,
  Migration20261206183000,
  Migration20261207060300,
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
