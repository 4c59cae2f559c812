import type { CodegenConfig } from '@graphql-codegen/cli';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { readFileSync } from 'node:fs';

// Federation's own directives are not in graphql-js; declare them so the SDL loads as written.
const federationDefinitions = 'schema/federation-definitions.graphql';

const subgraph = (name: string, mappers: Record<string, string>) => ({
  [`subgraphs/${name}/src/generated/resolvers.ts`]: {
    schema: [federationDefinitions, `subgraphs/${name}/schema.graphql`],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      mapperTypeSuffix: 'Entity',
      importExtension: '.ts',
      contextType: `../context.ts#${name[0]!.toUpperCase()}${name.slice(1)}Context`,
      mappers,
      scalars: { DateTime: 'Date | string', JSON: 'unknown' },
      enumsAsTypes: true,
      useIndexSignature: true,
      avoidOptionals: { field: false, inputValue: false, object: false, defaultValue: false },
    },
  },
});

/**
 * The internal operations' result and variables types, from their documents in
 * contracts/operations/<owner>/ checked against the owner's schema (one file per owner).
 */
const operations = (owner: string) => ({
  [`contracts/operations/generated/${owner}.ts`]: {
    schema: [federationDefinitions, `subgraphs/${owner}/schema.graphql`],
    documents: [`contracts/operations/${owner}/*.ts`],
    plugins: ['typescript-operations'],
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      // What the JSON on the wire holds.
      scalars: { DateTime: 'string', JSON: 'unknown' },
      avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
    },
  },
});

/**
 * The console's typed documents (graphql-codegen's client preset), checked against the public
 * graph: the supergraph's API schema, without @inaccessible (internal) fields, as clients see it.
 */
const consoleDocuments = () => ({
  'gateway/console/src/generated/': {
    schema: printSchema(
      Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema(),
    ),
    documents: ['gateway/console/src/**/*.{ts,tsx}', '!gateway/console/src/generated/**'],
    preset: 'client' as const,
    presetConfig: { fragmentMasking: false },
    config: {
      // Documents as typed strings: no GraphQL parser in the bundle.
      documentMode: 'string' as const,
      useTypeImports: true,
      enumsAsTypes: true,
      scalars: { DateTime: 'string', JSON: 'unknown' },
      avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
    },
  },
});

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraph('identity', {
      User: '../user/user.entity.ts#User',
      Session: '../session/session.entity.ts#Session',
      MemberSession: '../session/session.entity.ts#Session',
      ApiKey: '../api-key/api-key.entity.ts#ApiKey',
      OrganizationSso: '../organization-sso/organization-sso.entity.ts#OrganizationSso',
      OrganizationSsoDomain: '../organization-sso/organization-sso.entity.ts#OrganizationSsoDomain',
      SignInAttempt: '../sign-in-attempt/sign-in-attempt.entity.ts#SignInAttempt',
      Passkey: '../passkey/passkey.entity.ts#Passkey',
      SessionPrincipal: '../operator/session-principal-source.ts#SessionPrincipalSource',
    }),
    ...subgraph('tenancy', {
      Organization: '../organization/organization.entity.ts#Organization',
      Project: '../project/project.entity.ts#ProjectRow',
      Membership: '../membership/membership.entity.ts#Membership',
      ProjectMembership: '../membership/project-membership.entity.ts#ProjectMembershipRow',
      User: '../membership/membership.entity.ts#UserReference',
      Invitation: '../invitation/invitation.entity.ts#Invitation',
    }),
    ...subgraph('audit', {
      AuditEvent: '../content/opened-event.ts#OpenedAuditEvent',
      AuditActor: '../content/opened-event.ts#OpenedActor',
      Incident: '../incident/incident.repository.ts#Incident',
      OrganizationIncident: '../incident/incident.repository.ts#Incident',
    }),
    ...subgraph('lifecycle', {
      DataExport: '../export/data-export.entity.ts#DataExport',
      DeletionRequest: '../deletion/deletion-request.entity.ts#DeletionRequest',
    }),
    ...operations('identity'),
    ...operations('tenancy'),
    ...operations('audit'),
    ...operations('lifecycle'),
    ...consoleDocuments(),
  },
};

export default config;
