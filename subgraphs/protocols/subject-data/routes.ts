import type { DocumentNode } from 'graphql';
import type { InternalRoute } from '../../runtime/context.ts';
import { lifecycleDestroyRoutes, type DestroyOptions } from './destroy-route.ts';
import { lifecycleExportRoutes } from './export-route.ts';
import type { SubjectDataDeclaration } from './subject-data.ts';

/**
 * Every subgraph's lifecycle contract: export, destruction and verification of its own subject
 * data, from its directives and its declaration, for the lifecycle service alone.
 */
export const lifecycleRoutes = (
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
  destroy: DestroyOptions = {},
): Record<string, InternalRoute> => ({
  ...lifecycleExportRoutes(typeDefs, declaration),
  ...lifecycleDestroyRoutes(typeDefs, declaration, destroy),
});
