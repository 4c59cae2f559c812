import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import {
  buildExportPlans,
  exportColumnsOf,
  exportCopySql,
  subjectColumnOf,
  type SubjectDataDeclaration,
} from './subject-data.ts';

// Entity metadata as MikroORM gives it: property → column names, table, primary key.
const meta = {
  tableName: 'notes',
  primaryKeys: ['id'],
  properties: {
    id: { fieldNames: ['id'] },
    organizationId: { fieldNames: ['organization_id'] },
    body: { fieldNames: ['body'] },
    secret: { fieldNames: ['secret'] },
    authorType: { fieldNames: ['author_type'] },
  },
};
const orm = { getMetadata: () => ({ getByClassName: () => meta }) } as unknown as MikroORM;
const entity = { meta: { className: 'Note' } } as unknown as EntitySchema;
const declaration = (
  extra: Partial<SubjectDataDeclaration['types'][string]> = {},
): SubjectDataDeclaration => ({
  schema: 'notes',
  types: { Note: { entity, ...extra } },
  unexposed: [],
});
const sdl = (fields: string) =>
  parse(`type Note @subject(tenant: "organizationId") { id: ID! @export(label: "Id") ${fields} }`);

describe('export plans', () => {
  it('select the @export fields only, from the entity columns', () => {
    const [plan] = buildExportPlans(
      orm,
      sdl('body: String @export(label: "Body") secret: String'),
      declaration(),
    );
    expect(plan!.fields).toEqual([
      { name: 'id', sql: '"id"' },
      { name: 'body', sql: '"body"' },
    ]);
    expect(plan!.labels).toEqual({ id: 'Id', body: 'Body' });
    expect(subjectColumnOf(plan!, { organizationId: 'o' })).toBe('"organization_id"');
    expect(subjectColumnOf(plan!, { userId: 'u' })).toBeNull();
    const id = '0b7d9c1e-3f4a-4b5c-8d6e-7f8091a2b3c4';
    expect(exportCopySql(plan!, '"organization_id"', id, ['"id"', 'to_json("body")'])).toMatch(
      /^copy \(select "id", to_json\("body"\) from "notes"\."notes" where "organization_id" = '0b7d9c1e-[^']+'\) to stdout$/,
    );
    expect(() => exportCopySql(plan!, '"organization_id"', "x'); drop table notes; --", ['"id"'])).toThrow(
      'UUID',
    );
  });

  it('pick up a field once it gains @export, with no other change', () => {
    const [plan] = buildExportPlans(orm, sdl('secret: String @export(label: "Secret")'), declaration());
    expect(plan!.fields).toContainEqual({ name: 'secret', sql: '"secret"' });
  });

  it('read nested and derived fields from their declaration', () => {
    const [plan] = buildExportPlans(
      orm,
      sdl('author: JSON @export(label: "Author") hasSecret: Boolean @export(label: "Has secret")'),
      declaration({
        nested: { author: { type: 'authorType' } },
        derived: { hasSecret: 'secret is not null' },
      }),
    );
    expect(plan!.fields).toContainEqual({ name: 'author', fields: [{ name: 'type', sql: '"author_type"' }] });
    expect(plan!.fields).toContainEqual({ name: 'hasSecret', sql: '(secret is not null)' });
    expect(exportColumnsOf(plan!).map((column) => column.sql)).toEqual([
      '"id"',
      '"author_type"',
      '(secret is not null)',
    ]);
  });

  it('fail naming an exported field without storage', () => {
    expect(() => buildExportPlans(orm, sdl('missing: String @export(label: "M")'), declaration())).toThrow(
      'Note.missing: no entity property missing',
    );
  });
});
