import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { SIGN_IN_MUTATIONS } from '../../contracts/sign-in-mutations.ts';

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection.name.value];
      case Kind.INLINE_FRAGMENT:
        return rootFieldNames(selection.selectionSet, fragments, seen);
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) return [];
        return rootFieldNames(fragment.selectionSet, fragments, new Set([...seen, name]));
      }
    }
  });
}

/** Validation rule: refuses (400) a mutation that runs the same sign-in field more than once. */
export function SingleSignInMutationRule(context: ValidationContext): ASTVisitor {
  const fragments = Object.fromEntries(
    context
      .getDocument()
      .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return {
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const counts = new Map<string, number>();
      for (const name of rootFieldNames(operation.selectionSet, fragments)) {
        if (SIGN_IN_MUTATIONS.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const [name, count] of counts) {
        if (count > 1) {
          context.reportError(
            new GraphQLError(`${name} may appear at most once per operation`, {
              nodes: [operation],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
          );
        }
      }
    },
  };
}
