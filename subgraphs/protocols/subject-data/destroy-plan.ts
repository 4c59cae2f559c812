import type { DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  quoteIdent,
  storedTypesOf,
  subjectKindOf,
  type Subject,
  type SubjectDataDeclaration,
  type StoredType,
} from './subject-data.ts';
import type { Retention } from './subject-types.ts';
import { isId } from '../../../platform/ids.ts';
import type { RowStrategy } from '../../../contracts/subject-data-destroy.ts';

// What deletion does to a type's rows (RowStrategy, in the destroy route's contract): ERASE
// deletes them; ANONYMIZE keeps them (some fields are retained) with every `@destroy` field nulled
// (ERASE) or pseudonymized (ANONYMIZE); RETAIN keeps them as they are (every field is retained).
export type { RowStrategy };

/** A column of a kept row that deletion rewrites. */
export interface DestroyedColumn {
  column: string;
  strategy: 'ERASE' | 'ANONYMIZE';
  uuid: boolean;
}

/** One type's (or unexposed table's) deletion, resolved from the directives and the entity metadata. */
export interface DestroyPlan {
  /** The type's name, or the unexposed table's. */
  name: string;
  table: string;
  strategy: RowStrategy;
  /** Null for an unexposed table, deleted in one statement through its declared condition. */
  keyColumn: string | null;
  columns: DestroyedColumn[];
  /** Deleted under the outbox relay's policy. */
  asRelay: boolean;
  /** Why what a kept row keeps is kept, and for how long (its `@retain` fields). */
  retention: Retention[];
  /** The SQL condition selecting one subject's rows, `?` standing for its id; null when it holds none. */
  whereOf(subject: Subject): string | null;
}

/** ERASE and SHRED (for now the same) leave no row; a retained field keeps the row. */
function rowStrategyOf(stored: StoredType): RowStrategy {
  const { destroyed, retained } = stored.subjectType;
  if (destroyed.size === 0) return 'RETAIN';
  if (retained.size === 0 && [...destroyed.values()].every((s) => s !== 'ANONYMIZE')) return 'ERASE';
  return 'ANONYMIZE';
}

/** The columns a kept row's `@destroy` fields are stored in; throws when one cannot be nulled. */
function destroyedColumnsOf(stored: StoredType): DestroyedColumn[] {
  const { subjectType, binding } = stored;
  return [...subjectType.destroyed].flatMap(([field, fieldStrategy]) => {
    const strategy = fieldStrategy === 'ANONYMIZE' ? 'ANONYMIZE' : 'ERASE';
    const properties = binding.nested?.[field] ? Object.values(binding.nested[field]) : [field];
    // Derived fields and relations have no column of their own: what they come from is classified.
    if (binding.derived?.[field]) return [];
    return properties.flatMap((property) => {
      const found = stored.propertyOf(property);
      if (!found) return [];
      if (strategy === 'ERASE' && !found.nullable) {
        throw new Error(
          `${subjectType.name}.${field}: @destroy(strategy: ERASE) on a kept row needs a nullable column`,
        );
      }
      return [{ column: found.column, strategy, uuid: found.uuid }];
    });
  });
}

/**
 * The subgraph's deletion plans, in the order deletion runs: unexposed tables first (they may
 * find their rows through a type's, like a code by the user's email), then the types in the
 * declaration's order (children before parents, so no foreign key cascades uncounted).
 */
export function buildDestroyPlans(
  orm: MikroORM,
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): DestroyPlan[] {
  const stored = new Map(storedTypesOf(orm, typeDefs, declaration).map((s) => [s.subjectType.name, s]));
  const tables: DestroyPlan[] = declaration.unexposed.flatMap((table) =>
    table.destroyWhere && table.strategy === 'ERASE'
      ? [
          {
            name: table.table,
            table: `${quoteIdent(declaration.schema)}.${quoteIdent(table.table)}`,
            strategy: 'ERASE' as const,
            keyColumn: null,
            columns: [],
            asRelay: table.asRelay ?? false,
            retention: [],
            // A member's deletion leaves the tables no type exposes alone unless they say how.
            whereOf: (subject: Subject) => table.destroyWhere?.[subjectKindOf(subject)] ?? null,
          },
        ]
      : [],
  );
  const types = Object.keys(declaration.types).flatMap((name) => {
    const type = stored.get(name);
    if (!type) return [];
    const strategy = rowStrategyOf(type);
    return [
      {
        name,
        table: type.table,
        strategy,
        keyColumn: type.keyColumn,
        asRelay: false,
        columns: strategy === 'ANONYMIZE' ? destroyedColumnsOf(type) : [],
        retention: strategy === 'ERASE' ? [] : type.subjectType.retention,
        whereOf: (subject: Subject) => {
          switch (subjectKindOf(subject)) {
            case 'organization':
              return type.tenantColumn ? `${type.tenantColumn} = ?` : null;
            case 'user': {
              const also = type.binding.alsoOfUser;
              const own = type.userColumn ? `${type.userColumn} = ?` : null;
              if (own && also) return `(${own} or ${also})`;
              return own ?? (also ? `(${also})` : null);
            }
            case 'member':
              // The organization's rows about the user: its id is a checked UUID, inlined.
              if (!type.tenantColumn || !type.userColumn || !isId(subject.organizationId)) return null;
              return `${type.tenantColumn} = '${subject.organizationId}' and ${type.userColumn} = ?`;
          }
        },
      },
    ];
  });
  return [...tables, ...types];
}

/**
 * A stable pseudonym: the same value under the same key always gives the same one (joins and
 * counts still work), and without the key it cannot be reversed by guessing the value.
 */
const pseudonymSql = (column: DestroyedColumn) => {
  const digest = `encode(sha256(convert_to(?::text || ${column.column}::text, 'UTF8')), 'hex')`;
  return column.uuid ? `substr(${digest}, 1, 32)::uuid` : `'anon_' || substr(${digest}, 1, 16)`;
};

export const PSEUDONYM_PATTERN = '^anon_[0-9a-f]{16}$';

/** SET list of a kept row's rewrite; its parameters are one pseudonym key per ANONYMIZE column. */
export function rewriteSql(plan: DestroyPlan): { set: string; keys: number } {
  const set = plan.columns.map((c) =>
    c.strategy === 'ERASE' ? `${c.column} = null` : `${c.column} = ${pseudonymSql(c)}`,
  );
  return { set: set.join(', '), keys: plan.columns.filter((c) => c.strategy === 'ANONYMIZE').length };
}

/**
 * The condition of a row not yet destroyed: for a kept row, a column still holding its value
 * (uuid pseudonyms are indistinguishable, so a kept row counts by its nulled columns, and a rerun
 * finds nothing because the subject column itself is among them or the batch cursor moved on).
 */
export function notYetDestroyedSql(plan: DestroyPlan): string {
  if (plan.strategy !== 'ANONYMIZE') return 'true';
  const pending = plan.columns.flatMap((c) => {
    if (c.strategy === 'ERASE') return [`${c.column} is not null`];
    return c.uuid ? [] : [`${c.column} !~ '${PSEUDONYM_PATTERN}'`];
  });
  return pending.length ? `(${pending.join(' or ')})` : 'false';
}
