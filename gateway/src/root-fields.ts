import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

// An operation's root fields as the subgraphs run them: the gateway's checks that read them (the
// access log, sign-in policies, the root-field and sign-in rules) must not be blind to fragments.

/** The document's fragments by name. */
export const fragmentsOf = (
  document: DocumentNode | undefined,
): ReadonlyMap<string, FragmentDefinitionNode> =>
  new Map(
    (document?.definitions ?? [])
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

/**
 * The operation's root fields, wherever they are written: in its selection set, in inline
 * fragments, and in named fragments on the root type (`{ ...Q } fragment Q on Query { … }`), which
 * run the same fields. Each named fragment is walked once: spreading it again adds no field.
 */
export function* rootFieldNodes(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  walked: Set<string> = new Set(),
): Generator<FieldNode> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      yield* rootFieldNodes(selection.selectionSet, fragments, walked);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || walked.has(fragment.name.value)) continue;
      walked.add(fragment.name.value);
      yield* rootFieldNodes(fragment.selectionSet, fragments, walked);
    }
  }
}
