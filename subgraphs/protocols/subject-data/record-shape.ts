import type pg from 'pg';
import type { RecordField, ValueKind } from './copy-text-json.ts';
import { exportColumnsOf, type ExportColumn, type TypeExportPlan } from './subject-data.ts';

/** PostgreSQL's built-in type ids whose COPY text CopyTextToJson turns into what `to_json` writes. */
const KIND_OF_TYPE = new Map<number, ValueKind>([
  [16, 'boolean'],
  ...[20, 21, 23, 26, 700, 701, 1700].map((oid) => [oid, 'number'] as const),
  // text, varchar, bpchar, name, "char", date (ISO, as the export sets DateStyle)
  ...[25, 1043, 1042, 19, 18, 1082].map((oid) => [oid, 'string'] as const),
  [2950, 'uuid'],
  [1114, 'timestamp'],
  [1184, 'timestamp'],
  [114, 'json'],
  [3802, 'json'],
]);

/** A type's export query as COPY reads it: the select list, and the records' shape to write. */
export interface RecordShape {
  select: string[];
  fields: RecordField[];
}

/**
 * Reads the result types of a plan's columns (`limit 0`: no rows), then picks how each is written.
 * A type with no conversion here (an enum, an array, a domain) is selected as `to_json(…)`, so
 * PostgreSQL writes it as before.
 */
export async function recordShapeOf(client: pg.ClientBase, plan: TypeExportPlan): Promise<RecordShape> {
  const columns = exportColumnsOf(plan);
  const described = await client.query(
    `select ${columns.map((column) => column.sql).join(', ')} from ${plan.table} limit 0`,
  );
  const select: string[] = [];
  const kindOf = new Map<ExportColumn, ValueKind>();
  columns.forEach((column, index) => {
    const kind = KIND_OF_TYPE.get(described.fields[index]!.dataTypeID);
    select.push(kind ? column.sql : `to_json(${column.sql})`);
    kindOf.set(column, kind ?? 'json');
  });
  const fields = plan.fields.map((field): RecordField =>
    'fields' in field
      ? {
          name: field.name,
          fields: field.fields.map((column) => ({ name: column.name, kind: kindOf.get(column)! })),
        }
      : { name: field.name, kind: kindOf.get(field)! },
  );
  return { select, fields };
}
