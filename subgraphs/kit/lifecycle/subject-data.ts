import type { DocumentNode } from 'graphql';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { subjectTypesOf, type SubjectType } from './subject-types.ts';

/** What deletion does to a table's rows; ERASE removes them, ANONYMIZE keeps them pseudonymized. */
export type TableStrategy = 'ERASE' | 'ANONYMIZE';

/**
 * How a `@subject` type of the schema is stored: its entity (table, columns, primary key come from
 * MikroORM's metadata). An exported field is read from the entity property of the same name unless
 * it is one of:
 * - `nested`: an object field stored as several columns (field key → entity property);
 * - `derived`: a value computed from the row in SQL (`password_hash is not null`).
 * No other per-field code: adding `@export` to a stored field exports it.
 */
export interface SubjectTypeBinding {
  entity: EntitySchema;
  nested?: Record<string, Record<string, string>>;
  derived?: Record<string, string>;
}

/**
 * A table holding a subject's data that no GraphQL type exposes (code hashes, throttles, outbox):
 * declared here with its strategy, so that every such table is covered.
 */
export interface UnexposedTable {
  table: string;
  strategy: TableStrategy;
  /** Which column ties a row to its subject, or how (a hashed email key). */
  subject: string;
  reason: string;
}

/** A subgraph's whole lifecycle declaration: its types' storage and its unexposed tables. */
export interface SubjectDataDeclaration {
  schema: string;
  types: Record<string, SubjectTypeBinding>;
  unexposed: UnexposedTable[];
}

export type Subject = { organizationId: string; userId?: never } | { userId: string; organizationId?: never };

/** One type's export query, resolved from the schema's directives and the entity metadata. */
export interface TypeExportPlan {
  type: string;
  table: string;
  keyColumn: string;
  tenantColumn: string | null;
  userColumn: string | null;
  /** SQL select list: one `expression as "field"` per exported field. */
  select: string[];
  labels: Record<string, string>;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Builds the export plans of a subgraph; throws, naming the field, when an exported field has no storage. */
export function buildExportPlans(
  orm: MikroORM,
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): TypeExportPlan[] {
  const metadata = orm.getMetadata();
  return subjectTypesOf(typeDefs).map((subjectType: SubjectType) => {
    const binding = declaration.types[subjectType.name];
    if (!binding) throw new Error(`${subjectType.name}: @subject type without a storage binding`);
    const meta = metadata.getByClassName(binding.entity.meta.className, false);
    if (!meta) throw new Error(`${subjectType.name}: entity ${binding.entity.meta.className} not registered`);
    const columnOf = (property: string, coordinate: string): string => {
      const prop = meta.properties[property as keyof typeof meta.properties];
      const column = prop?.fieldNames?.[0];
      if (!column) throw new Error(`${coordinate}: no entity property ${property} to read it from`);
      return quoteIdent(column);
    };
    const select = [...subjectType.exported.keys()].map((field) => {
      const coordinate = `${subjectType.name}.${field}`;
      const nested = binding.nested?.[field];
      if (nested) {
        const pairs = Object.entries(nested).flatMap(([key, property]) => [
          `'${key.replaceAll("'", "''")}'`,
          columnOf(property, `${coordinate}.${key}`),
        ]);
        return `json_build_object(${pairs.join(', ')}) as ${quoteIdent(field)}`;
      }
      const derived = binding.derived?.[field];
      if (derived) return `(${derived}) as ${quoteIdent(field)}`;
      return `${columnOf(field, coordinate)} as ${quoteIdent(field)}`;
    });
    const keyProperty = meta.primaryKeys[0];
    if (!keyProperty || meta.primaryKeys.length !== 1) {
      throw new Error(`${subjectType.name}: needs a single-column primary key for keyset batches`);
    }
    return {
      type: subjectType.name,
      table: `${quoteIdent(declaration.schema)}.${quoteIdent(meta.tableName)}`,
      keyColumn: columnOf(String(keyProperty), `${subjectType.name} primary key`),
      tenantColumn: subjectType.tenantField
        ? columnOf(subjectType.tenantField, `${subjectType.name} @subject(tenant:)`)
        : null,
      userColumn: subjectType.userField
        ? columnOf(subjectType.userField, `${subjectType.name} @subject(user:)`)
        : null,
      select,
      labels: Object.fromEntries(subjectType.exported),
    };
  });
}

/** The column a plan filters on for this subject, or null when the type does not belong to such subjects. */
export function subjectColumnOf(plan: TypeExportPlan, subject: Subject): string | null {
  return subject.organizationId !== undefined ? plan.tenantColumn : plan.userColumn;
}

/** SQL for one keyset batch of a type's rows of one subject: `[subjectId, afterKey, limit]`. */
export function batchSql(plan: TypeExportPlan, subjectColumn: string, first: boolean): string {
  return `select ${plan.keyColumn}::text as "__key", ${plan.select.join(', ')}
    from ${plan.table}
    where ${subjectColumn} = ?${first ? '' : ` and ${plan.keyColumn} > ?`}
    order by ${plan.keyColumn}
    limit ?`;
}
