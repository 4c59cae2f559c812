import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { defineEntity, p } from '@mikro-orm/core';
import { checkStorageCoverage, checkSubgraphStorage, type SubgraphStorage } from './compose-coverage.ts';
import { subgraphStorage } from './subgraph-storage.ts';

// The real tenancy schema and storage, each test breaking one thing the way a change would (that
// they pass as they are is the composeSupergraph test's).
const typeDefs = parse(
  readFileSync(new URL('../../subgraphs/tenancy/schema.graphql', import.meta.url), 'utf8'),
);
const tenancy = subgraphStorage.tenancy;
const check = (storage: Partial<SubgraphStorage>) =>
  checkStorageCoverage('tenancy', typeDefs, { ...tenancy, ...storage });
const withoutType = (type: string) =>
  Object.fromEntries(Object.entries(tenancy.subjectData.types).filter(([name]) => name !== type));

const ProjectNoteSchema = defineEntity({
  name: 'ProjectNote',
  tableName: 'project_notes',
  properties: { id: p.uuid().primary(), body: p.string() },
});

describe('storage coverage', () => {
  it('fails on a @subject type without a storage binding, naming it', () => {
    const errors = check({ subjectData: { ...tenancy.subjectData, types: withoutType('Project') } });
    expect(errors).toEqual([
      'tenancy: @subject type Project has no storage binding in its subject-data declaration',
      expect.stringMatching(/^tenancy: table tenancy\.projects \(entity Project\) is neither/),
    ]);
  });

  it('fails on a binding of a type that is not a @subject type, or to an unregistered entity', () => {
    const types = { ...tenancy.subjectData.types, ProjectNote: { entity: ProjectNoteSchema } };
    expect(check({ subjectData: { ...tenancy.subjectData, types } })).toEqual([
      'tenancy: the subject-data declaration binds ProjectNote, which is not a @subject type of its schema',
      'tenancy: ProjectNote is bound to entity ProjectNote, which the module does not register',
    ]);
  });

  it('fails on a registered entity whose table is neither bound nor declared, until it is declared', () => {
    const entities = [...tenancy.entities, ProjectNoteSchema];
    expect(check({ entities })).toEqual([
      'tenancy: table tenancy.project_notes (entity ProjectNote) is neither the storage of a @subject type ' +
        'nor declared unexposed with its strategy',
    ]);
    const unexposed = [
      ...tenancy.subjectData.unexposed,
      { table: 'project_notes', strategy: 'ERASE' as const, subject: 'project_id', reason: 'Notes' },
    ];
    expect(check({ entities, subjectData: { ...tenancy.subjectData, unexposed } })).toEqual([]);
  });

  it('fails on an unexposed entry that repeats or shadows a bound table', () => {
    const entry = { table: 'projects', strategy: 'NONE' as const, subject: 'none', reason: 'Oops' };
    const unexposed = [...tenancy.subjectData.unexposed, entry, entry];
    expect(check({ subjectData: { ...tenancy.subjectData, unexposed } })).toEqual([
      'tenancy: table projects is declared unexposed but stores @subject type Project',
      'tenancy: table projects is declared unexposed more than once',
    ]);
  });

  it('fails on a declaration of another schema, and on a subgraph without storage', () => {
    expect(check({ subjectData: { ...tenancy.subjectData, schema: 'identity' } })).toEqual([
      'tenancy: its subject-data declaration names schema "identity", not "tenancy"',
    ]);
    expect(checkSubgraphStorage([{ name: 'billing', typeDefs }], subgraphStorage)).toEqual([
      'billing: no storage declared for it in scripts/lib/subgraph-storage.ts',
    ]);
  });
});

describe('SHRED fields', () => {
  const withType = (type: string, binding: Partial<SubgraphStorage['subjectData']['types'][string]>) => ({
    subjectData: {
      ...tenancy.subjectData,
      types: { ...tenancy.subjectData.types, [type]: { ...tenancy.subjectData.types[type]!, ...binding } },
    },
  });
  const shredOn = (coordinate: string) => {
    const [type, field] = coordinate.split('.');
    const source = readFileSync(new URL('../../subgraphs/tenancy/schema.graphql', import.meta.url), 'utf8');
    const pattern = new RegExp(
      `(type ${type} [^{]*\\{[^}]*?\\n  ${field}[^\\n]*?)@destroy\\(strategy: \\w+\\)`,
    );
    return parse(source.replace(pattern, '$1@destroy(strategy: SHRED)'));
  };

  it('passes when the SHRED fields are exactly the ones the subgraph seals', () => {
    expect(check({})).toEqual([]);
  });

  it('fails on a SHRED field the subgraph does not seal, naming it', () => {
    expect(check(withType('Project', { sealed: [] }))).toEqual([
      "tenancy: Project.name is marked SHRED but the subgraph does not seal it (its subject-data declaration's sealed fields)",
    ]);
  });

  it('fails on a sealed field that is not marked SHRED', () => {
    expect(check(withType('Organization', { sealed: ['name', 'region'] }))).toEqual([
      'tenancy: Organization.region is sealed by the subgraph but not marked @destroy(strategy: SHRED)',
    ]);
  });

  it('fails on SHRED on a field that is not a String', () => {
    const errors = checkStorageCoverage('tenancy', shredOn('Organization.contractEndsAt'), {
      ...tenancy,
      ...withType('Organization', { sealed: ['name', 'contractEndsAt'] }),
    });
    expect(errors).toEqual([
      'tenancy: Organization.contractEndsAt: @destroy(strategy: SHRED) is for String fields only',
    ]);
  });
});
