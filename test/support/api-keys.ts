import { expect } from '@jest/globals';
import type pg from 'pg';
import { uniqueEmail, type TestStack } from './stack.ts';
import { addMembership } from './tenancy-fixtures.ts';

// Shared by the API key end-to-end tests: operations, and helpers bound to a stack and a database.

export interface ApiKeyView {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const API_KEY_FIELDS = /* GraphQL */ `
  fragment ApiKeyFields on ApiKey {
    id
    organizationId
    name
    prefix
    scopes
    createdBy
    expiresAt
    lastUsedAt
    revokedAt
  }
`;
export const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($organizationId: ID!, $name: String!, $scopes: [String!]!, $expiresAt: DateTime) {
    createApiKey(organizationId: $organizationId, name: $name, scopes: $scopes, expiresAt: $expiresAt) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
  ${API_KEY_FIELDS}
`;
export const REVOKE_API_KEY = /* GraphQL */ `
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`;
export const API_KEYS = /* GraphQL */ `
  query ApiKeys($organizationId: ID!) {
    apiKeys(organizationId: $organizationId) {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`;
export const ORGANIZATION_PROJECTS = /* GraphQL */ `
  query OrganizationProjects($id: ID!) {
    organization(id: $id) {
      name
      projects {
        name
      }
    }
  }
`;
export const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($organizationId: ID!, $name: String!) {
    createProject(organizationId: $organizationId, name: $name) {
      id
    }
  }
`;

export const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

export function apiKeyHelpers(stack: TestStack, db: pg.Client) {
  /** An admin with an organization holding one project, plus a MEMBER of it. */
  const organization = async (label: string) => {
    const admin = await stack.signIn(uniqueEmail(`${label}-admin`));
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      /* GraphQL */ `
        mutation CreateOrganization($name: String!) {
          createOrganization(name: $name) {
            id
          }
        }
      `,
      { name: `Keys ${label}` },
      admin.token,
    );
    const organizationId = created.data!.createOrganization.id;
    const project = await stack.graphql(
      CREATE_PROJECT,
      { organizationId, name: `${label} project` },
      admin.token,
    );
    expect(project.errors).toBeUndefined();
    const member = await stack.signIn(uniqueEmail(`${label}-member`));
    await addMembership(db, organizationId, member.userId);
    return { admin, member, organizationId };
  };

  const createKey = async (
    token: string,
    organizationId: string,
    scopes: string[],
    extra: { name?: string; expiresAt?: string } = {},
  ) => {
    const result = await stack.graphql<{ createApiKey: { secret: string; apiKey: ApiKeyView } }>(
      CREATE_API_KEY,
      { organizationId, name: extra.name ?? 'Partner sync', scopes, expiresAt: extra.expiresAt },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createApiKey;
  };

  const keysIn = async (organizationId: string) =>
    (
      await db.query('select count(*)::int as n from identity.api_keys where organization_id = $1', [
        organizationId,
      ])
    ).rows[0].n as number;

  const outboxActions = async (organizationId: string, keyId: string) =>
    (
      await db.query<{ action: string }>(
        `select event->>'action' as action from identity.audit_outbox
          where organization_id = $1 and event->'target'->>'id' = $2 order by occurred_at, id`,
        [organizationId, keyId],
      )
    ).rows.map((r) => r.action);

  /** A request whose only credential is the given query string: no Authorization header. */
  const postWithQueryString = (search: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}?${search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });

  return { organization, createKey, keysIn, outboxActions, postWithQueryString };
}
