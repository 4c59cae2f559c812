import type { DocumentNode } from 'graphql';
import type { EntitySchema } from '@mikro-orm/postgresql';
import type { SubjectDataDeclaration } from '../../subgraphs/protocols/subject-data/subject-data.ts';
import { subjectTypesOf } from '../../subgraphs/protocols/subject-data/subject-types.ts';
import { checkShredFields } from './compose-shred.ts';

// The lifecycle coverage rule, checked without a database: every @subject type of a subgraph is
// bound to its storage, and every table the subgraph's ORM maps is a bound type's or declared.

/** What a subgraph stores: the entities its module registers and its subject-data declaration. */
export interface SubgraphStorage {
  entities: readonly EntitySchema[];
  subjectData: SubjectDataDeclaration;
}

const tableOf = (entity: EntitySchema) => entity.meta.tableName;
const classOf = (entity: EntitySchema) => entity.meta.className;

/** The coverage errors of one subgraph, each naming the subgraph and the type or table. */
export function checkStorageCoverage(
  name: string,
  typeDefs: DocumentNode,
  storage: SubgraphStorage,
): string[] {
  const { entities, subjectData } = storage;
  const errors: string[] = [];
  if (subjectData.schema !== name) {
    errors.push(`${name}: its subject-data declaration names schema "${subjectData.schema}", not "${name}"`);
  }
  const subjectTypes = new Set(subjectTypesOf(typeDefs).map((type) => type.name));
  for (const type of subjectTypes) {
    if (!subjectData.types[type]) {
      errors.push(`${name}: @subject type ${type} has no storage binding in its subject-data declaration`);
    }
  }
  const registered = new Set(entities.map(classOf));
  const boundTables = new Map<string, string>();
  for (const [type, binding] of Object.entries(subjectData.types)) {
    if (!subjectTypes.has(type)) {
      errors.push(
        `${name}: the subject-data declaration binds ${type}, which is not a @subject type of its schema`,
      );
    }
    if (!registered.has(classOf(binding.entity))) {
      errors.push(
        `${name}: ${type} is bound to entity ${classOf(binding.entity)}, which the module does not register`,
      );
    }
    boundTables.set(tableOf(binding.entity), type);
  }
  const unexposed = new Set<string>();
  for (const { table } of subjectData.unexposed) {
    const boundTo = boundTables.get(table);
    if (unexposed.has(table)) {
      errors.push(`${name}: table ${table} is declared unexposed more than once`);
      continue;
    }
    if (boundTo)
      errors.push(`${name}: table ${table} is declared unexposed but stores @subject type ${boundTo}`);
    unexposed.add(table);
  }
  errors.push(...checkShredFields(name, typeDefs, subjectData));
  for (const entity of entities) {
    const table = tableOf(entity);
    if (!boundTables.has(table) && !unexposed.has(table)) {
      errors.push(
        `${name}: table ${subjectData.schema}.${table} (entity ${classOf(entity)}) is neither the storage of a ` +
          `@subject type nor declared unexposed with its strategy`,
      );
    }
  }
  return errors;
}

/** Checks every subgraph against its storage; a subgraph without one is an error. */
export function checkSubgraphStorage(
  subgraphs: readonly { name: string; typeDefs: DocumentNode }[],
  storage: Readonly<Record<string, SubgraphStorage>>,
): string[] {
  return subgraphs.flatMap(({ name, typeDefs }) => {
    const mine = storage[name];
    return mine
      ? checkStorageCoverage(name, typeDefs, mine)
      : [`${name}: no storage declared for it in scripts/lib/subgraph-storage.ts`];
  });
}
