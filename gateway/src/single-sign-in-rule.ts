import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { SIGN_IN_MUTATIONS } from '../../contracts/sign-in-mutations.ts';
import { fragmentsOf, rootFieldNodes } from './root-fields.ts';

/** Validation rule: refuses (400) a mutation that runs the same sign-in field more than once. */
export function SingleSignInMutationRule(context: ValidationContext): ASTVisitor {
  const fragments = fragmentsOf(context.getDocument());
  return {
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const counts = new Map<string, number>();
      // Each named fragment walked once: spread again, its fields merge with themselves and run
      // once (and a fragment spread k times in fragments spread k times is no k^n walk).
      for (const { name } of rootFieldNodes(operation.selectionSet, fragments)) {
        if (SIGN_IN_MUTATIONS.has(name.value)) counts.set(name.value, (counts.get(name.value) ?? 0) + 1);
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
