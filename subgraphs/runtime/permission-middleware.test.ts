import { describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { ErrorCode, forbidden, stewardError } from '../../platform/errors.ts';
import { permissionMiddleware } from './permission-middleware.ts';
import { allow, and, applyMiddleware, deny, or, rule, shield, type IRules } from './shield.ts';

// The runtime's middleware must answer exactly as graphql-shield's own does, rule kind by rule kind;
// it only skips the promises when a rule's answer is already known.
const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query {
    items: [Item!]!
    open: String
    closed: String
    unruled: String
    either(owner: String): String
    both: String
    coded: String
    said: String
    throws: String
    later: String
    laterNo: String
    laterRejects: String
    broken: String
  }
  type Item @key(fields: "id") {
    id: ID!
    label: String
    secret: String
  }
`);

interface Ctx {
  admin: boolean;
  calls: Record<string, number>;
}
const items = [
  { id: '1', label: 'one', secret: 's1' },
  { id: '2', label: 'two', secret: 's2' },
  { id: '3', label: 'three', secret: 's3' },
];
const resolvers = {
  Query: {
    items: () => items,
    open: () => 'open',
    closed: () => 'closed',
    unruled: () => 'unruled',
    either: () => 'either',
    both: () => 'both',
    coded: () => 'coded',
    said: () => 'said',
    throws: () => 'throws',
    later: () => 'later',
    laterNo: () => 'laterNo',
    laterRejects: () => 'laterRejects',
    broken: () => {
      throw stewardError(ErrorCode.BAD_USER_INPUT, 'the resolver itself failed');
    },
  },
  Item: { __resolveReference: (ref: { id: string }) => items.find((i) => i.id === ref.id) },
};

const counted =
  (name: string, answer: (parent: { id: string }, args: unknown, ctx: Ctx) => unknown) =>
  (parent: { id: string }, args: unknown, ctx: Ctx) => {
    ctx.calls[name] = (ctx.calls[name] ?? 0) + 1;
    return answer(parent, args, ctx) as boolean;
  };
const isAdmin = rule({ cache: 'contextual' })(counted('isAdmin', (_p, _a, ctx) => ctx.admin));
const mayReadItem = rule({ cache: (item: { id: string }) => `item:${item.id}` })(
  counted('mayReadItem', (item) => item.id !== '2'),
);
const isOwner = rule({ cache: 'no_cache' })((_p, args: { owner?: string }) => args.owner === 'me');
const rules: IRules = {
  Query: {
    items: allow,
    open: allow,
    closed: deny,
    either: or(isAdmin, isOwner),
    both: and(isAdmin, isOwner),
    coded: rule()(() => stewardError(ErrorCode.NOT_FOUND, 'No such thing')),
    said: rule()(() => 'a string answer'),
    throws: rule()(() => {
      throw new Error('rule bug');
    }),
    later: rule()(async () => true),
    laterNo: rule()(async () => false),
    laterRejects: rule()(() => Promise.reject(new Error('later bug'))),
    broken: allow,
    _entities: allow,
  },
  Item: { '*': mayReadItem, id: allow, secret: isAdmin },
};
const options = { fallbackRule: deny, fallbackError: forbidden(), allowExternalErrors: true as const };

const base = () => buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
const withShield = applyMiddleware(base(), shield(rules, options));
const withKit = (() => {
  const schema = base();
  return applyMiddleware(schema, permissionMiddleware(schema, rules, options));
})();

async function run(schema: GraphQLSchema, source: string, admin: boolean) {
  const ctx: Ctx = { admin, calls: {} };
  const result = (await execute({
    schema,
    document: parse(source),
    contextValue: ctx,
    variableValues: { r: [{ __typename: 'Item', id: '2' }] },
  })) as ExecutionResult;
  const errors = (result.errors ?? [])
    .map((e) => ({ path: e.path?.join('.'), message: e.message, code: e.extensions.code }))
    .sort((a, b) => String(a.path).localeCompare(String(b.path)));
  return { data: result.data, errors, calls: ctx.calls };
}

const QUERIES = [
  '{ items { id label secret } }',
  '{ open closed unruled }',
  '{ either both a: either(owner: "me") b: both(owner: "me") }',
  '{ coded said throws }',
  '{ later laterNo laterRejects }',
  '{ broken open }',
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id label secret } } }',
];

describe('permission middleware: graphql-shield rules, answered synchronously when they can be', () => {
  it.each(QUERIES.flatMap((q) => [[q, false] as const, [q, true] as const]))(
    'answers %s (admin: %s) as shield does, with as many rule calls',
    async (query, admin) => {
      const kit = await run(withKit, query, admin);
      expect(kit).toEqual(await run(withShield, query, admin));
      expect(kit.data ?? kit.errors.length).toBeTruthy();
    },
  );

  it('answers the fields of a list once per row, and without a promise when every rule is synchronous', async () => {
    const document = parse('{ items { id label secret } }');
    const ctx: Ctx = { admin: true, calls: {} };
    const result = execute({ schema: withKit, document, contextValue: ctx }) as ExecutionResult;
    expect(typeof (result as unknown as Promise<unknown>).then).toBe('undefined');
    expect(result.data).toEqual({
      items: [
        { id: '1', label: 'one', secret: 's1' },
        { id: '2', label: null, secret: 's2' },
        { id: '3', label: 'three', secret: 's3' },
      ],
    });
    // Once per item (its id is the cache key), once per request (contextual), as shield caches them.
    expect(ctx.calls).toEqual({ mayReadItem: 3, isAdmin: 1 });
    // Shield's own middleware makes the same execution a promise.
    const viaShield = execute({ schema: withShield, document, contextValue: { admin: true, calls: {} } });
    expect(typeof (viaShield as Promise<unknown>).then).toBe('function');
  });

  it('refuses, as shield does, a rule for a field the schema does not have', () => {
    const schema = base();
    expect(() => permissionMiddleware(schema, { Item: { nope: allow } }, options)).toThrow(/Item\.nope/);
  });
});
