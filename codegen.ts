import type { CodegenConfig } from '@graphql-codegen/cli';

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

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraph('identity', {
      User: '../user/user.entity.ts#User',
      Session: '../session/session.entity.ts#Session',
      ApiKey: '../api-key/api-key.entity.ts#ApiKey',
      SignInAttempt: '../sign-in-attempt/sign-in-attempt.entity.ts#SignInAttempt',
      SessionPrincipal: '../operator/session-principal-source.ts#SessionPrincipalSource',
    }),
    ...subgraph('tenancy', {
      Organization: '../organization/organization.entity.ts#Organization',
      Project: '../project/project.entity.ts#Project',
      Membership: '../membership/membership.entity.ts#Membership',
      ProjectMembership: '../membership/project-membership.entity.ts#ProjectMembership',
      User: '../membership/membership.entity.ts#UserReference',
      Invitation: '../invitation/invitation.entity.ts#Invitation',
    }),
    ...subgraph('audit', {
      AuditEvent: '../event/audit-event.entity.ts#AuditEvent',
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
  },
};

export default config;
