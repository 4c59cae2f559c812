import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type { GraphQLResult, TestStack } from './stack.ts';

// Organizations whose fields hold unique canary strings (as far as the API lets a client set
// them), for the export and deletion canary tests.

export interface CanaryTenant {
  canaries: string[];
  /** Values that must never leave in an export (secrets), whoever's. */
  secrets: string[];
  organizationId: string;
  adminToken: string;
  adminId: string;
}

/** A request through the gateway with a chosen user agent (a canary of its own). */
export async function lifecycleGql<T>(
  stack: TestStack,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  userAgent = 'jest lifecycle',
): Promise<GraphQLResult<T>> {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

export function ok<T>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** An organization whose exported fields carry canaries derived from `label`. */
export async function seedCanaryTenant(stack: TestStack, label: string): Promise<CanaryTenant> {
  const tag = `canary${label.toLowerCase()}${randomUUID().slice(0, 8)}`;
  const c = (field: string) => `${tag}-${field}`;
  const userAgent = `Mozilla/5.0 ${c('useragent')}`;
  const email = `${c('email')}@steward.test`;
  const signIn = ok(
    await lifecycleGql<{ devSignIn: { token: string; user: { id: string } } }>(
      stack,
      `mutation ($email: String!, $displayName: String) {
        devSignIn(email: $email, displayName: $displayName) { token user { id } }
      }`,
      { email, displayName: c('displayname') },
      undefined,
      userAgent,
    ),
  );
  const token = signIn.devSignIn.token;
  const organizationId = ok(
    await lifecycleGql<{ createOrganization: { id: string } }>(
      stack,
      `mutation ($name: String!) { createOrganization(name: $name) { id } }`,
      { name: c('orgname') },
      token,
      userAgent,
    ),
  ).createOrganization.id;
  const projectId = ok(
    await lifecycleGql<{ createProject: { id: string } }>(
      stack,
      `mutation ($organizationId: ID!, $name: String!) { createProject(organizationId: $organizationId, name: $name) { id } }`,
      { organizationId, name: c('projectname') },
      token,
      userAgent,
    ),
  ).createProject.id;
  ok(
    await lifecycleGql(
      stack,
      `mutation ($organizationId: ID!, $email: String!, $projectId: ID) {
        inviteMember(organizationId: $organizationId, email: $email, role: MEMBER, projectId: $projectId, projectRole: EDITOR) { id }
      }`,
      { organizationId, email: `${c('invitee')}@steward.test`, projectId },
      token,
      userAgent,
    ),
  );
  const key = ok(
    await lifecycleGql<{ createApiKey: { secret: string } }>(
      stack,
      `mutation ($organizationId: ID!, $name: String!) {
        createApiKey(organizationId: $organizationId, name: $name, scopes: ["projects:read"]) { secret }
      }`,
      { organizationId, name: c('apikeyname') },
      token,
      userAgent,
    ),
  );
  return {
    canaries: [
      email,
      c('displayname'),
      c('orgname'),
      c('projectname'),
      c('invitee'),
      c('apikeyname'),
      c('useragent'),
    ],
    secrets: [key.createApiKey.secret],
    organizationId,
    adminToken: token,
    adminId: signIn.devSignIn.user.id,
  };
}
