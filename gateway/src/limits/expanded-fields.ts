import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The fields an operation selects once every fragment spread is replaced by its fragment, at most
 * `limit`. A fragment spread k times in a fragment spread k times… stands for k^n fields in a few
 * hundred tokens, within the depth and token limits, and whatever walks the operation where it is
 * written (the cost, the query planner) takes seconds of CPU while every other request waits. Each
 * fragment is counted once (memoised), so the count itself stays linear in the document.
 */
export function maxExpandedFieldsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const counted = new Map<string, number>();
    const fieldsOf = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD)
          total += 1 + (selection.selectionSet ? fieldsOf(selection.selectionSet, spreading) : 0);
        else if (selection.kind === Kind.INLINE_FRAGMENT)
          total += fieldsOf(selection.selectionSet, spreading);
        else total += fieldsOfFragment(selection.name.value, spreading);
      }
      // Past the limit the exact count does not matter: capped, it never grows to Infinity.
      return Math.min(total, limit + 1);
    };
    const fieldsOfFragment = (name: string, spreading: ReadonlySet<string>): number => {
      const known = counted.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      // Unknown fragments and cycles are reported by graphql's own rules.
      if (!fragment || spreading.has(name)) return 0;
      const count = fieldsOf(fragment.selectionSet, new Set([...spreading, name]));
      counted.set(name, count);
      return count;
    };
    return {
      OperationDefinition(operation) {
        if (fieldsOf(operation.selectionSet, new Set()) <= limit) return;
        context.reportError(
          new GraphQLError(`Too many fields once fragments are expanded: at most ${limit}`, {
            nodes: [operation],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        );
      },
    };
  };
}
