import type { DocumentNode } from 'graphql';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { tenantIdsSql } from '../../runtime/tenant-isolation.ts';
import { isId } from '../../../platform/ids.ts';
import type { TenantScope } from '../../runtime/orm.ts';
import type { Subject } from '../../../contracts/subject.ts';
import { subjectTypesOf, type SubjectType } from './subject-types.ts';
import type { ContentSealer } from '../../../platform/crypto/sealed-content.ts';
import type { RecordOpener } from './open-records.ts';

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
  /**
   * More rows of a user's than its `@subject(user:)` column finds, as an SQL condition (`?`: the
   * user's id): audit events naming them, attempts made with their address before the account.
   */
  alsoOfUser?: string;
  nested?: Record<string, Record<string, string>>;
  derived?: Record<string, string>;
  /**
   * The fields the subgraph stores sealed under their subject's data key: exactly its
   * `@destroy(strategy: SHRED)` fields (the composition checks both ways).
   */
  sealed?: readonly string[];
  /** Opens a record's sealed content before it is exported (audit events'), with the process's sealer. */
  openRecords?: (sealer: ContentSealer) => RecordOpener;
}

/**
 * A table no GraphQL type exposes (code hashes, throttles, outbox, job queue): declared here with
 * its strategy, so that every table of the subgraph is covered. NONE: it holds no subject data.
 */
export interface UnexposedTable {
  table: string;
  strategy: TableStrategy | 'NONE';
  /** Which column ties a row to its subject, or how (a hashed email key). */
  subject: string;
  reason: string;
  /**
   * SQL conditions selecting a subject's rows for deletion, `?` standing for the subject's id,
   * per kind of subject the table holds rows of. Deleted before the subgraph's types.
   */
  destroyWhere?: { organization?: string; user?: string; member?: string };
  /** Rows only the outbox relay may touch (RLS): deleted with the relay's setting on. */
  asRelay?: boolean;
}

/**
 * Every subgraph's audit outbox: events wait there until the relay delivers them to audit (where
 * they are retained, sealed), then stay ten minutes. A deletion clears the delivered copies in its scope: an
 * organization's; for a user, those the user did or that were done to them (a failed sign-in has
 * no actor, only a target), those of the user's organizations (an event about a user may name
 * them in its details without their id), and those `alsoOfUser` finds (by their address).
 * Undelivered ones go to audit first; dead letters (refused by audit, never to be delivered) go
 * with the delivered. The events of the deletion itself name no one: a rerun
 * leaves them be.
 */
const DELIVERED_NOT_DELETION =
  "(delivered_at is not null or dead_at is not null) and event->>'action' not like 'lifecycle.deletion.%'";

export function auditOutboxTable(options: { alsoOfUser?: string } = {}): UnexposedTable {
  const ofUser = [
    `event->'actor'->>'id' = ?::text`,
    `(event->'target'->>'type' = 'User' and event->'target'->>'id' = ?::text)`,
    `organization_id = any(${tenantIdsSql})`,
    ...(options.alsoOfUser ? [options.alsoOfUser] : []),
  ];
  return {
    table: 'audit_outbox',
    strategy: 'ERASE',
    subject: 'organization_id, the event actor or target id, or the address in its details',
    reason: 'Audit events awaiting delivery, kept ten minutes after it',
    destroyWhere: {
      organization: `organization_id = ? and ${DELIVERED_NOT_DELETION}`,
      user: `(${ofUser.join(' or ')}) and ${DELIVERED_NOT_DELETION}`,
    },
    asRelay: true,
  };
}

export const AUDIT_OUTBOX_TABLE: UnexposedTable = auditOutboxTable();

/** The parameters of a subject condition: its id for every `?` in it. */
export const subjectParams = (where: string, subjectId: string): string[] =>
  Array<string>((where.match(/\?/g) ?? []).length).fill(subjectId);

/** A subgraph's whole lifecycle declaration: its types' storage and its unexposed tables. */
export interface SubjectDataDeclaration {
  schema: string;
  types: Record<string, SubjectTypeBinding>;
  unexposed: UnexposedTable[];
}

export type { Subject };

/** The tenant scope a subject's rows are read and written under (row-level security). */
export const scopeOfSubject = (subject: Subject): TenantScope =>
  subject.organizationId !== undefined
    ? { tenantIds: [subject.organizationId], userId: subject.userId ?? null }
    : { tenantIds: [], userId: subject.userId };

export type SubjectKind = 'organization' | 'user' | 'member';

export const subjectKindOf = (subject: Subject): SubjectKind =>
  subject.organizationId === undefined ? 'user' : subject.userId === undefined ? 'organization' : 'member';

/** The id a subject's SQL conditions bind for `?`: a member's is the user's (the organization is inlined). */
export const subjectIdOf = (subject: Subject): string => subject.userId ?? subject.organizationId!;

/** The subject as ids only, for query strings, payloads, manifests and certificates. */
export const subjectIdsOf = (subject: Subject): Record<string, string> => ({
  ...(subject.organizationId !== undefined ? { organizationId: subject.organizationId } : {}),
  ...(subject.userId !== undefined ? { userId: subject.userId } : {}),
});

/** A job's payload naming its subject (ids only) beside `extra`. */
export const subjectPayload = (subject: Subject, extra: Record<string, string>): Record<string, string> => ({
  ...extra,
  ...subjectIdsOf(subject),
});

export function subjectOfPayload(payload: Record<string, string>): Subject {
  const { organizationId, userId } = payload;
  if (organizationId && userId) return { organizationId, userId };
  if (organizationId) return { organizationId };
  if (userId) return { userId };
  throw new Error('Job without a subject');
}

/** A value of an export record and the SQL expression reading it. */
export interface ExportColumn {
  name: string;
  sql: string;
}

/** A field of an export record: one column, or an object built from several (`nested`). */
export type ExportField = ExportColumn | { name: string; fields: ExportColumn[] };

/** One type's export query, resolved from the schema's directives and the entity metadata. */
export interface TypeExportPlan {
  type: string;
  table: string;
  keyColumn: string;
  tenantColumn: string | null;
  userColumn: string | null;
  /** The exported fields in the schema's order: a column or SQL expression, or an object of several. */
  fields: ExportField[];
  labels: Record<string, string>;
  /** Its exported SHRED fields, stored sealed: opened for the export (sealed-export.ts); null when none. */
  sealed: SealedExport | null;
}

/** Where a type's SHRED fields are opened: their place is their table, the record's key, the field. */
export interface SealedExport {
  tableName: string;
  keyField: string;
  fields: string[];
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A `@subject` type with where it is stored: its table, key and subject columns, from the entity metadata. */
export interface StoredType {
  subjectType: SubjectType;
  binding: SubjectTypeBinding;
  table: string;
  /** `schema.table` unquoted: the table a SHRED field's ciphertext is bound to. */
  tableName: string;
  keyColumn: string;
  tenantColumn: string | null;
  userColumn: string | null;
  /** The quoted column of an entity property; throws naming `coordinate` when there is none. */
  columnOf(property: string, coordinate: string): string;
  /** The entity property of that name, if the entity has one with a column. */
  propertyOf(name: string): { column: string; nullable: boolean; uuid: boolean } | null;
}

/** The subgraph's `@subject` types bound to their storage; throws, naming the type, when one is not. */
export function storedTypesOf(
  orm: MikroORM,
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): StoredType[] {
  const metadata = orm.getMetadata();
  return subjectTypesOf(typeDefs).map((subjectType: SubjectType) => {
    const binding = declaration.types[subjectType.name];
    if (!binding) throw new Error(`${subjectType.name}: @subject type without a storage binding`);
    const meta = metadata.getByClassName(binding.entity.meta.className, false);
    if (!meta) throw new Error(`${subjectType.name}: entity ${binding.entity.meta.className} not registered`);
    const propertyOf = (name: string) => {
      const prop = meta.properties[name as keyof typeof meta.properties];
      const column = prop?.fieldNames?.[0];
      if (!prop || !column) return null;
      return {
        column: quoteIdent(column),
        nullable: Boolean(prop.nullable),
        uuid: prop.columnTypes?.[0] === 'uuid',
      };
    };
    const columnOf = (property: string, coordinate: string): string => {
      const found = propertyOf(property);
      if (!found) throw new Error(`${coordinate}: no entity property ${property} to read it from`);
      return found.column;
    };
    const keyProperty = meta.primaryKeys[0];
    if (!keyProperty || meta.primaryKeys.length !== 1) {
      throw new Error(`${subjectType.name}: needs a single-column primary key for keyset batches`);
    }
    return {
      subjectType,
      binding,
      table: `${quoteIdent(declaration.schema)}.${quoteIdent(meta.tableName)}`,
      tableName: `${declaration.schema}.${meta.tableName}`,
      keyColumn: columnOf(String(keyProperty), `${subjectType.name} primary key`),
      tenantColumn: subjectType.tenantField
        ? columnOf(subjectType.tenantField, `${subjectType.name} @subject(tenant:)`)
        : null,
      userColumn: subjectType.userField
        ? columnOf(subjectType.userField, `${subjectType.name} @subject(user:)`)
        : null,
      columnOf,
      propertyOf,
    };
  });
}

/** The exported SHRED fields of a type and the exported field holding its key; throws when it has none. */
function sealedExportOf(stored: StoredType, fields: ExportField[]): SealedExport | null {
  const { subjectType } = stored;
  const sealed = [...subjectType.destroyed]
    .filter(([name, strategy]) => strategy === 'SHRED' && subjectType.exported.has(name))
    .map(([name]) => name);
  if (!sealed.length) return null;
  const key = fields.find((field) => 'sql' in field && field.sql === stored.keyColumn);
  if (!key)
    throw new Error(`${subjectType.name}: a type with SHRED fields exports its key (they are bound to it)`);
  return { tableName: stored.tableName, keyField: key.name, fields: sealed };
}

/** Builds the export plans of a subgraph; throws, naming the field, when an exported field has no storage. */
export function buildExportPlans(
  orm: MikroORM,
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): TypeExportPlan[] {
  return storedTypesOf(orm, typeDefs, declaration).map((stored) => {
    const { subjectType, binding, columnOf } = stored;
    const fields = [...subjectType.exported.keys()].map((name) => {
      const coordinate = `${subjectType.name}.${name}`;
      const nested = binding.nested?.[name];
      if (nested) {
        const fields = Object.entries(nested).map(([key, property]) => ({
          name: key,
          sql: columnOf(property, `${coordinate}.${key}`),
        }));
        return { name, fields };
      }
      const derived = binding.derived?.[name];
      if (derived) return { name, sql: `(${derived})` };
      return { name, sql: columnOf(name, coordinate) };
    });
    return {
      type: subjectType.name,
      table: stored.table,
      keyColumn: stored.keyColumn,
      tenantColumn: stored.tenantColumn,
      userColumn: stored.userColumn,
      fields,
      labels: Object.fromEntries(subjectType.exported),
      sealed: sealedExportOf(stored, fields),
    };
  });
}

/** Every subgraph's deletion progress (destroy-route.ts): request ids, type names, counts. */
export const DESTRUCTION_PROGRESS_TABLE: UnexposedTable = {
  table: 'lifecycle_destructions',
  strategy: 'NONE',
  subject: 'none (deletion request ids)',
  reason: 'Counts and cursors of deletions, no personal data',
};

/**
 * The column a plan filters on for this subject (a member's: the user column, the tenant column
 * being the second condition), or null when the type does not belong to such subjects.
 */
export function subjectColumnOf(plan: TypeExportPlan, subject: Subject): string | null {
  switch (subjectKindOf(subject)) {
    case 'organization':
      return plan.tenantColumn;
    case 'user':
      return plan.userColumn;
    case 'member':
      return plan.tenantColumn && plan.userColumn;
  }
}

/** The SQL expressions a plan's records read, in COPY order (a nested field's columns in place). */
export const exportColumnsOf = (plan: TypeExportPlan): ExportColumn[] =>
  plan.fields.flatMap((field) => ('fields' in field ? field.fields : [field]));

/**
 * A COPY of one subject's rows of a type, `select` giving the columns (in COPY's text format; the
 * subgraph writes the JSON). COPY takes no parameters: the id is checked to be a UUID.
 */
export function exportCopySql(
  plan: TypeExportPlan,
  subjectColumn: string,
  subjectId: string,
  select: readonly string[],
  /** A member's organization: the rows of that tenant only. */
  organizationId?: string,
): string {
  if (!isId(subjectId)) throw new Error('A subject id is a UUID');
  if (organizationId !== undefined && (!isId(organizationId) || !plan.tenantColumn))
    throw new Error('A member export needs a tenant column and an organization id');
  const tenant = organizationId !== undefined ? ` and ${plan.tenantColumn} = '${organizationId}'` : '';
  return `copy (select ${select.join(', ')} from ${plan.table} where ${subjectColumn} = '${subjectId}'${tenant}) to stdout`;
}
