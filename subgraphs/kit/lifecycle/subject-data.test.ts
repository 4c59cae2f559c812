import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { batchSql, buildExportPlans, subjectColumnOf, type SubjectDataDeclaration } from './subject-data.ts';

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
    expect(plan!.select).toEqual(['"id" as "id"', '"body" as "body"']);
    expect(plan!.labels).toEqual({ id: 'Id', body: 'Body' });
    expect(subjectColumnOf(plan!, { organizationId: 'o' })).toBe('"organization_id"');
    expect(subjectColumnOf(plan!, { userId: 'u' })).toBeNull();
    expect(batchSql(plan!, '"organization_id"', false)).toMatch(/"id" > \?\s+order by "id"\s+limit \?/);
  });

  it('pick up a field once it gains @export, with no other change', () => {
    const [plan] = buildExportPlans(orm, sdl('secret: String @export(label: "Secret")'), declaration());
    expect(plan!.select).toContain('"secret" as "secret"');
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
    expect(plan!.select).toContain(`json_build_object('type', "author_type") as "author"`);
    expect(plan!.select).toContain('(secret is not null) as "hasSecret"');
  });

  it('fail naming an exported field without storage', () => {
    expect(() => buildExportPlans(orm, sdl('missing: String @export(label: "M")'), declaration())).toThrow(
      'Note.missing: no entity property missing',
    );
  });
});
