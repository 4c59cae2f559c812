import { describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { allow, applyMiddleware, chain, deny, race, rule, shield } from './shield.ts';
import { forbidden } from '../../platform/errors.ts';

// Pins the one place graphql-shield is loaded: its CommonJS build on Node 24, with chain/race
// composing and federation's _entities going through the same middleware.
const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query {
    open: String
    chained: String
    raced: String
  }
  type Thing @key(fields: "id") {
    id: ID!
    secret: String
    unruled: String
  }
`);

const resolvers = {
  Query: { open: () => 'open', chained: () => 'chained', raced: () => 'raced' },
  Thing: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, secret: 's', unruled: 'u' }) },
};

const isAdmin = rule({ cache: 'no_cache' })((_p, _a, ctx: { admin: boolean }) => ctx.admin);
const isTrue = rule({ cache: 'no_cache' })(() => true);

const schema = applyMiddleware(
  buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]),
  shield(
    {
      Query: { open: allow, chained: chain(isTrue, isAdmin), raced: race(isAdmin, isTrue), _entities: allow },
      Thing: { id: allow, secret: isAdmin },
    },
    { fallbackRule: deny, fallbackError: forbidden(), allowExternalErrors: true },
  ),
);

const run = (source: string, admin: boolean) =>
  graphql({
    schema,
    source,
    contextValue: { admin },
    variableValues: { r: [{ __typename: 'Thing', id: '1' }] },
  });

describe('graphql-shield through the runtime', () => {
  it('chain needs every rule, race any one', async () => {
    const asUser = await run('{ open chained raced }', false);
    expect(asUser.data).toEqual({ open: 'open', chained: null, raced: 'raced' });
    expect(asUser.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect((await run('{ chained }', true)).data).toEqual({ chained: 'chained' });
  });

  it('applies type rules to entities resolved through _entities', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id secret } } }';
    const asUser = await run(query, false);
    expect(asUser.data).toEqual({ _entities: [{ id: '1', secret: null }] });
    expect(asUser.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await run(query, true)).data).toEqual({ _entities: [{ id: '1', secret: 's' }] });
  });

  it('denies a field without a rule', async () => {
    const result = await run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { unruled } } }',
      true,
    );
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
