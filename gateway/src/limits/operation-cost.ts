import type { ListSizes } from './list-sizes.ts';
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
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
  /** The page size assumed for a list whose `first` is not given (and no `@listSize` says otherwise). */
  defaultListSize: number;
}

/** The schema an operation is costed against: which fields are lists, and their declared sizes. */
export interface CostSchema {
  schema: GraphQLSchema;
  listSizes: ListSizes;
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
 * by its page size, but the page size may come from a variable (`first: $n`), which a validation
 * rule cannot see. With the schema, only list fields multiply: by their slicing argument, else the
 * `@listSize(assumedSize)` the supergraph declares, else `defaultListSize`; an object field costs
 * one. Without it, every field with a selection set is taken for a list. Fragments are costed
 * where they are spread.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
  weights: CostWeights = DEFAULT_WEIGHTS,
  costSchema?: CostSchema,
): number {
  /** How many times a field's selection is paid for, and the size it hands to its lists (a connection's edges). */
  interface Sizing {
    size: number;
    type?: GraphQLNamedType;
    pages?: { size: number; fields: readonly string[] | null };
  }
  const sizeOf = (
    field: FieldNode,
    parent: GraphQLNamedType | undefined,
    handed?: Sizing['pages'],
  ): Sizing => {
    const pageArgument = (names: readonly string[]) => {
      const argument = field.arguments?.find((a) => names.includes(a.name.value));
      return argument ? intArgument(argument.value, variables) : undefined;
    };
    if (!costSchema) return { size: pageArgument(['first', 'last']) ?? weights.defaultListSize };
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[field.name.value]
        : undefined;
    if (!definition) return { size: weights.defaultListSize };
    const type = getNamedType(definition.type);
    const declared = costSchema.listSizes.get(`${parent!.name}.${field.name.value}`);
    const slicing = declared?.slicingArguments.length ? declared.slicingArguments : ['first', 'last'];
    const page = pageArgument(slicing);
    if (!isListType(getNullableType(definition.type))) {
      // A connection: its page size sizes its lists (the ones @listSize names, or any).
      if (page === undefined && declared?.assumedSize === undefined) return { size: 1, type };
      const fields = declared?.sizedFields.length ? declared.sizedFields : null;
      return { size: 1, type, pages: { size: page ?? declared!.assumedSize!, fields } };
    }
    const fromParent =
      handed && (!handed.fields || handed.fields.includes(field.name.value)) ? handed.size : undefined;
    return { size: page ?? fromParent ?? declared?.assumedSize ?? weights.defaultListSize, type };
  };
  const typeNamed = (name: string | undefined) =>
    (name ? costSchema?.schema.getType(name) : undefined) ?? undefined;

  const costOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    spread: ReadonlySet<string>,
    handed?: Sizing['pages'],
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        if (!selection.selectionSet) {
          total += weights.scalarCost;
          continue;
        }
        const { size, type, pages } = sizeOf(selection, parent, handed);
        const children = costOf(selection.selectionSet, type, spread, pages);
        total += Math.max(1, size) * (weights.objectCost + weights.depthFactor * children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(
          selection.selectionSet,
          typeNamed(selection.typeCondition?.name.value) ?? parent,
          spread,
          handed,
        );
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment spread inside itself is invalid GraphQL; validation reports it, cost ignores it.
        if (fragment && !spread.has(name))
          total += costOf(
            fragment.selectionSet,
            typeNamed(fragment.typeCondition.name.value) ?? parent,
            new Set([...spread, name]),
            handed,
          );
      }
    }
    return total;
  };
  const root = costSchema?.schema.getRootType(operation.operation) ?? undefined;
  return costOf(operation.selectionSet, root, new Set());
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
