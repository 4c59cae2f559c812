import {
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostWeights {
  /** A field with a selection set (an object, or a list of them). */
  objectCost: number;
  /** A leaf field. */
  scalarCost: number;
  /** Multiplier per level, so deep nesting costs more than the same fields side by side. */
  depthFactor: number;
  /** The page size assumed for a list whose `first` is not given. */
  defaultListSize: number;
}

/**
 * Steward counts the objects an operation may resolve: leaves are free (they come with their
 * object), and a list costs its page size times what each item costs.
 */
export const DEFAULT_WEIGHTS: CostWeights = {
  objectCost: 1,
  scalarCost: 0,
  depthFactor: 1,
  defaultListSize: 1,
};

type Variables = Record<string, unknown> | undefined;

/** An argument's integer value, literal or from the request's variables. */
export function intArgument(value: ValueNode, variables: Variables): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.VARIABLE) {
    const raw = variables?.[value.name.value];
    return typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined;
  }
  return undefined;
}

/**
 * The operation's cost: like graphql-armor's, a list field multiplies the cost of what it selects
 * by its `first` argument, but `first` may come from a variable (`first: $n`), which a validation
 * rule cannot see. Fragments are costed where they are spread.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
  weights: CostWeights = DEFAULT_WEIGHTS,
): number {
  const costOf = (selectionSet: SelectionSetNode, depth: number, spread: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        if (!selection.selectionSet) {
          total += weights.scalarCost;
          continue;
        }
        const firstArg = selection.arguments?.find(
          (a) => a.name.value === 'first' || a.name.value === 'last',
        );
        const size = firstArg
          ? (intArgument(firstArg.value, variables) ?? weights.defaultListSize)
          : weights.defaultListSize;
        const children = costOf(selection.selectionSet, depth + 1, spread);
        total += Math.max(1, size) * (weights.objectCost + weights.depthFactor * children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, depth, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment spread inside itself is invalid GraphQL; validation reports it, cost ignores it.
        if (fragment && !spread.has(name))
          total += costOf(fragment.selectionSet, depth, new Set([...spread, name]));
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, 0, new Set());
}

/** Every `first`/`last` argument with its value, for the page-size cap. */
export function pageSizes(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
  seen: ReadonlySet<string> = new Set(),
): number[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) {
      const own = (selection.arguments ?? [])
        .filter((a) => a.name.value === 'first' || a.name.value === 'last')
        .map((a) => intArgument(a.value, variables))
        .filter((n): n is number => n !== undefined);
      return selection.selectionSet
        ? [...own, ...pageSizes(selection.selectionSet, fragments, variables, seen)]
        : own;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return pageSizes(selection.selectionSet, fragments, variables, seen);
    const fragment = fragments[selection.name.value];
    if (!fragment || seen.has(selection.name.value)) return [];
    return pageSizes(fragment.selectionSet, fragments, variables, new Set([...seen, selection.name.value]));
  });
}
