import { describe, expect, it } from '@jest/globals';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { listSizesOf } from './list-sizes.ts';
import { DEFAULT_WEIGHTS, operationCost, pageSizes, type CostSchema } from './operation-cost.ts';

function costOf(source: string, variables?: Record<string, unknown>, costSchema?: CostSchema) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return {
    cost: operationCost(
      operation,
      fragments,
      variables,
      { ...DEFAULT_WEIGHTS, defaultListSize: 100 },
      costSchema,
    ),
    pages: pageSizes(operation.selectionSet, fragments, variables),
  };
}

describe('operationCost', () => {
  it('multiplies a list by its first argument, literal or variable alike', () => {
    const literal = costOf('{ list(first: 50) { a b } }').cost;
    const variable = costOf('query($n: Int) { list(first: $n) { a b } }', { n: 50 }).cost;
    expect(literal).toBe(variable);
    expect(literal).toBe(50);
  });

  it('grows multiplicatively with nested lists (a cost bomb)', () => {
    const bomb = costOf('{ a(first: 100) { b(first: 100) { c(first: 100) { d } } } }').cost;
    expect(bomb).toBe(100 * (1 + 100 * (1 + 100)));
  });

  it('costs fragments where they are spread, and ignores introspection', () => {
    const inline = costOf('{ x { a b } }').cost;
    const viaFragment = costOf('{ x { ...F } } fragment F on X { a b }').cost;
    expect(viaFragment).toBe(inline);
    expect(costOf('{ __schema { types { name } } }').cost).toBe(0);
  });

  it('reports every page size, through variables and fragments', () => {
    expect(
      costOf('query($n: Int) { a(first: $n) { ...F } } fragment F on A { b(last: 7) { c } }', { n: 3 }).pages,
    ).toEqual([3, 7]);
  });
});

describe('operationCost from the schema', () => {
  const sdl = `
    directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
    type Query { organization: Organization  me: User  events(first: Int): EventConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"]) }
    type User { id: ID!  memberships(first: Int): [Membership!]! @listSize(assumedSize: 20, slicingArguments: ["first"], requireOneSlicingArgument: false) }
    type Membership { organization: Organization! }
    type Organization { name: String!  members(first: Int): [Membership!]! @listSize(assumedSize: 100, slicingArguments: ["first"], requireOneSlicingArgument: false)  projects: [Project!]! }
    type Project { name: String!  owner: User! }
    type EventConnection { edges: [Edge!]!  pageInfo: PageInfo! }
    type Edge { node: Event! }
    type Event { id: ID! }
    type PageInfo { hasNextPage: Boolean! }
  `;
  const costSchema: CostSchema = { schema: buildSchema(sdl), listSizes: listSizesOf(sdl) };
  const cost = (query: string, variables?: Record<string, unknown>) =>
    costOf(query, variables, costSchema).cost;

  it('weighs a list by its declared size when no first is given, an object field once', () => {
    expect(cost('{ me { memberships { organization { name } } } }')).toBe(1 + 20 * (1 + 1));
    expect(cost('{ me { memberships(first: 3) { organization { name } } } }')).toBe(1 + 3 * (1 + 1));
  });

  it('weighs a list no @listSize sizes as the largest page', () => {
    expect(cost('{ organization { projects { owner { id } } } }')).toBe(1 + 100 * (1 + 1));
  });

  it("sizes a connection's edges by the connection's first, the connection itself once", () => {
    expect(
      cost('query($n: Int) { events(first: $n) { edges { node { id } } pageInfo { hasNextPage } } }', {
        n: 7,
      }),
    ).toBe(1 + 7 * (1 + 1) + 1);
  });

  it('costs a whole organization above the limit, fragments included', () => {
    expect(
      cost(
        '{ organization { projects { owner { memberships { organization { members { organization { name } } } } } } } }',
      ),
    ).toBeGreaterThan(5000);
    expect(
      cost('{ organization { ...O } } fragment O on Organization { members { organization { name } } }'),
    ).toBe(1 + 100 * (1 + 1));
  });
});
