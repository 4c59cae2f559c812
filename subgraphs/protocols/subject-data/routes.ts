import type { DocumentNode } from 'graphql';
import type { InternalRoute } from '../../runtime/context.ts';
import { subjectDataDestroyRoutes, type DestroyOptions } from './destroy-route.ts';
import { subjectDataExportRoutes } from './export-route.ts';
import type { SubjectDataDeclaration } from './subject-data.ts';

/** What a subgraph declares about the subject data it owns; the runtime serves the protocol from it. */
export interface SubjectDataOfSubgraph {
  declaration: SubjectDataDeclaration;
  /** What destruction does beyond the generic plan (hooks, batch size…). */
  destroy?: DestroyOptions;
}

/**
 * The subject-data protocol every subgraph serves to the lifecycle subgraph: export, destruction
 * and verification of its own subject data, from its schema's directives and its declaration
 * (contracts/subject-data-*.ts).
 */
export const subjectDataRoutes = (
  typeDefs: DocumentNode,
  { declaration, destroy = {} }: SubjectDataOfSubgraph,
): Record<string, InternalRoute> => ({
  ...subjectDataExportRoutes(typeDefs, declaration),
  ...subjectDataDestroyRoutes(typeDefs, declaration, destroy),
});
