import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const CREATE_ORGANIZATION = /* GraphQL */ `
  mutation CreateOrganization($name: String!) {
    createOrganization(name: $name, region: "eu") {
      id
      name
    }
  }
`;
const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($organizationId: ID!, $name: String!) {
    createProject(organizationId: $organizationId, name: $name) {
      id
      name
    }
  }
`;
const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    me {
      email
      memberships {
        role
        organization {
          name
          projects {
            name
          }
        }
      }
    }
  }
`;

describe('the federated graph, end to end', () => {
  it('resolves me.memberships.organization.projects across identity and tenancy', async () => {
    const admin = await stack.signIn(uniqueEmail('admin'));
    const org = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Acme Robotics' },
      admin.token,
    );
    expect(org.errors).toBeUndefined();
    const organizationId = org.data!.createOrganization.id;
    for (const name of ['Apollo', 'Gemini']) {
      const project = await stack.graphql(CREATE_PROJECT, { organizationId, name }, admin.token);
      expect(project.errors).toBeUndefined();
    }

    const dashboard = await stack.graphql(DASHBOARD, {}, admin.token);

    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data).toMatchObject({
      me: {
        memberships: [
          {
            role: 'ADMIN',
            organization: {
              name: 'Acme Robotics',
              projects: expect.arrayContaining([{ name: 'Apollo' }, { name: 'Gemini' }]),
            },
          },
        ],
      },
    });
  });

  it('answers one operation from all four subgraphs', async () => {
    const admin = await stack.signIn(uniqueEmail('four'));
    const org = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Four Corners' },
      admin.token,
    );
    const organizationId = org.data!.createOrganization.id;

    const result = await stack.graphql(
      /* GraphQL */ `
        query AllFour($organizationId: ID!) {
          me {
            email
          }
          organization(id: $organizationId) {
            name
          }
          auditEvents(organizationId: $organizationId, first: 5) {
            edges {
              node {
                action
              }
            }
          }
          dataMap {
            name
            fields {
              name
            }
          }
        }
      `,
      { organizationId },
      admin.token,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      me: { email: expect.stringContaining('four-') },
      organization: { name: 'Four Corners' },
      auditEvents: { edges: expect.any(Array) },
      dataMap: expect.arrayContaining([expect.objectContaining({ name: 'User' })]),
    });
  });

  it('returns null for me without a session, and 401 for a token that is not a session', async () => {
    const anonymous = await stack.graphql(DASHBOARD);
    expect(anonymous).toMatchObject({ status: 200, data: { me: null } });

    const forged = await stack.graphql(DASHBOARD, {}, 'not-a-real-session-token-at-all');
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input at the gateway', () => {
  const post = async (body: string, contentType = 'application/json') => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: JSON.parse(text) as { errors: { extensions: { code: string } }[] },
    };
  };

  it('malformed JSON: 400, coded, no stack', async () => {
    const result = await post('{"query": "{ me { id } ');
    expect(result.status).toBe(400);
    expect(result.json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(result.text).not.toMatch(/stack|at .*\.ts/i);
  });

  it('an unknown field: 400, coded, no stack', async () => {
    const result = await post(JSON.stringify({ query: '{ me { id shoeSize } }' }));
    expect(result.status).toBe(400);
    expect(result.json.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.text).not.toMatch(/stacktrace/i);
  });

  it('a variable of the wrong type: 400, coded, no stack', async () => {
    const result = await post(
      JSON.stringify({
        query: 'query($id: ID!) { organization(id: $id) { name } }',
        variables: { id: { nested: true } },
      }),
    );
    expect(result.status).toBe(400);
    expect(result.json.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.text).not.toMatch(/stacktrace/i);
  });

  it('a malformed email to the development sign-in: coded error, no user created', async () => {
    const result = await stack.graphql(`mutation { devSignIn(email: "not an email") { token } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
