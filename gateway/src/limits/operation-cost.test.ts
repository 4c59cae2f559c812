import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationCost, pageSizes } from './operation-cost.ts';

function costOf(source: string, variables?: Record<string, unknown>) {
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
    cost: operationCost(operation, fragments, variables),
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
