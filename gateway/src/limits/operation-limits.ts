import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fragmentsOf, rootFieldNodes } from '../root-fields.ts';
import { maxExpandedFieldsRule } from './expanded-fields.ts';
import type { ListSizes } from './list-sizes.ts';
import { DEFAULT_WEIGHTS, operationCost, pageSizes } from './operation-cost.ts';

/** Limits on what one operation may ask; each refused with a 400 before any subgraph is called. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxRootFields: number;
  maxTokens: number;
  /** Fields selected once every fragment spread is expanded (a fragment bomb stays within maxTokens). */
  maxExpandedFields: number;
  maxCost: number;
  /** Largest `first`/`last` a list may be asked for. */
  maxPageSize: number;
}

// Near graphql-armor's defaults; Steward's own deepest operation (the dashboard) has depth 7 and
// costs a few hundred at its largest page sizes (docs/PERFORMANCE.md).
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxRootFields: 15,
  maxTokens: 1000,
  maxExpandedFields: 2000,
  maxCost: 5000,
  maxPageSize: 100,
};

const reject = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

function maxRootFieldsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      // Root fields written in fragments count too: `{ ...F } fragment F on Query { … }` runs them all.
      const fragments = fragmentsOf(context.getDocument());
      if ([...rootFieldNodes(operation.selectionSet, fragments)].length > limit) {
        context.reportError(
          new GraphQLError(`Too many root fields: at most ${limit}`, {
            nodes: [operation],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        );
      }
    },
  });
}

/**
 * What to give Apollo Server: graphql-armor's depth, alias and directive rules, a root-field rule,
 * the parser's own token limit (a 400 parse error, not a 500), and a plugin that weighs the
 * operation with its variables (cost and page sizes) once the operation is resolved.
 */
export function operationLimits(limits: OperationLimits = DEFAULT_LIMITS, listSizes: ListSizes = new Map()) {
  // A list the supergraph gives no size is assumed as long as the largest page a client may ask.
  const weights = { ...DEFAULT_WEIGHTS, defaultListSize: limits.maxPageSize };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    // Apollo Server's own hideSchemaDetailsFromClientErrors hides field suggestions.
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const variables = request.variables;
          const oversized = pageSizes(operation.selectionSet, fragments, variables).find(
            (n) => n > limits.maxPageSize || n < 0,
          );
          if (oversized !== undefined) {
            throw reject(`first/last must be between 0 and ${limits.maxPageSize}`, 'BAD_USER_INPUT');
          }
          const cost = operationCost(operation, fragments, variables, weights, { schema, listSizes });
          if (cost > limits.maxCost) {
            throw reject(
              `Query cost ${Math.round(cost)} exceeds the limit of ${limits.maxCost}`,
              'GRAPHQL_VALIDATION_FAILED',
            );
          }
        },
      };
    },
  };

  return {
    validationRules: [
      ...armor.validationRules,
      maxRootFieldsRule(limits.maxRootFields),
      maxExpandedFieldsRule(limits.maxExpandedFields),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
    plugin,
  };
}
