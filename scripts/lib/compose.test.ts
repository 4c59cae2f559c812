import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse, Kind, type ObjectTypeDefinitionNode } from 'graphql';
import {
  composeSubgraphs,
  composeSupergraph,
  LIFECYCLE_SPEC_FILE,
  readSubgraphs,
  SUPERGRAPH_CONFIG,
  SUPERGRAPH_FILE,
  type SubgraphSource,
} from './compose.ts';
import { isLifecycleHint } from './compose-lifecycle.ts';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const spec = read('schema/lifecycle-spec.graphql');
const header = read('schema/federation-header.graphql');

const subgraph = (name: string, body: string, preamble = `${header}\n${spec}`): SubgraphSource => ({
  name,
  url: `http://localhost/${name}`,
  file: `${name}.graphql`,
  sdl: `${preamble}\n${body}`,
});

const people = subgraph(
  'people',
  /* GraphQL */ `
    type Query {
      person: Person
    }
    type Person @key(fields: "id") @subject(user: "id") {
      id: ID! @export(label: "Id") @destroy(strategy: ERASE)
      name: String @export(label: "Name") @retain(reason: "Contract", for: "P7Y")
    }
  `,
);

describe('composeSupergraph', () => {
  it('matches the committed supergraph', () => {
    const outcome = composeSupergraph(rootDir);
    expect(outcome.errors).toEqual([]);
    expect(read(SUPERGRAPH_FILE)).toBe(`${outcome.supergraphSdl}\n`);
  });

  it('carries the lifecycle directives into the supergraph', () => {
    const supergraph = parse(read(SUPERGRAPH_FILE));
    const directiveNames = supergraph.definitions.flatMap((d) =>
      d.kind === Kind.DIRECTIVE_DEFINITION ? [d.name.value] : [],
    );
    expect(directiveNames).toEqual(expect.arrayContaining(['subject', 'export', 'destroy', 'retain']));
    const auditEvent = supergraph.definitions.find(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'AuditEvent',
    );
    expect(auditEvent?.directives?.map((d) => d.name.value)).toContain('subject');
    const action = auditEvent?.fields?.find((f) => f.name.value === 'action');
    expect(action?.directives?.map((d) => d.name.value)).toEqual(
      expect.arrayContaining(['export', 'retain']),
    );
  });
});

/**
 * What `npm run compose` reads (rover.yaml, the spec, the subgraph schemas), copied to a folder of
 * its own with tenancy's `Project` gaining one field, so the real composition runs on a real change.
 */
function withProjectField(field: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-compose-'));
  const sources = readSubgraphs(rootDir);
  const tenancyFile = sources.find((s) => s.name === 'tenancy')!.file;
  for (const file of [SUPERGRAPH_CONFIG, LIFECYCLE_SPEC_FILE, ...sources.map((s) => s.file)]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(rootDir, file), join(dir, file));
  }
  const sdl = readFileSync(join(dir, tenancyFile), 'utf8');
  const edited = sdl.replace(/^(type Project\b[^{]*\{)$/m, `$1\n  ${field}`);
  expect(edited).not.toBe(sdl);
  writeFileSync(join(dir, tenancyFile), edited);
  return dir;
}

describe('composeSupergraph on a new field of a @subject type', () => {
  // The errors the edit adds (the checkout composes without errors: see 'matches the committed supergraph').
  const composeWith = (field: string) => {
    const before = new Set(composeSupergraph(rootDir).errors);
    const dir = withProjectField(field);
    try {
      const outcome = composeSupergraph(dir);
      return { ...outcome, added: outcome.errors.filter((error) => !before.has(error)) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('fails naming the field while it has neither @destroy nor @retain', () => {
    expect(composeWith('description: String').added).toEqual([
      'Project.description: a field of a @subject type needs @destroy or @retain (it has neither)',
    ]);
  });

  it('composes once the field says what deletion does to it', () => {
    const outcome = composeWith('description: String @destroy(strategy: ERASE)');
    expect(outcome.added).toEqual([]);
    const project = parse(outcome.supergraphSdl!).definitions.find(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Project',
    );
    const description = project?.fields?.find((f) => f.name.value === 'description');
    expect(description?.directives?.map((d) => d.name.value)).toContain('destroy');
  });
});

describe('composeSubgraphs', () => {
  it('composes subgraphs that keep the rules', () => {
    const outcome = composeSubgraphs([people], spec);
    expect(outcome.errors).toEqual([]);
    expect(outcome.supergraphSdl).toContain('@subject(user: "id")');
  });

  it('fails on a @subject field with neither @destroy nor @retain, naming it', () => {
    const careless = subgraph(
      'careless',
      /* GraphQL */ `
        type Query {
          note: Note
        }
        type Note @subject(user: "authorId") {
          authorId: ID! @destroy(strategy: ERASE)
          body: String @export(label: "Body")
        }
      `,
    );
    const outcome = composeSubgraphs([people, careless], spec);
    expect(outcome.errors).toEqual([expect.stringContaining('Note.body')]);
  });

  it('fails on a field with both @destroy and @retain', () => {
    const both = subgraph(
      'both',
      /* GraphQL */ `
        type Query {
          note: Note
        }
        type Note @subject(user: "id") {
          id: ID! @destroy(strategy: ERASE) @retain(reason: "Why not", for: "P1D")
        }
      `,
    );
    expect(composeSubgraphs([both], spec).errors).toEqual([expect.stringContaining('Note.id')]);
  });

  it('fails when a subgraph defines a lifecycle directive differently', () => {
    const drifted = subgraph(
      'drifted',
      'type Query { ping: Int }',
      `${header}\n${spec.replace('directive @export(label: String)', 'directive @export(label: String!)')}`,
    );
    const outcome = composeSubgraphs([people, drifted], spec);
    expect(outcome.errors).toEqual([expect.stringMatching(/^drifted: the definition of @export differs/)]);
  });

  it('fails when a subgraph lacks the definitions', () => {
    const bare = subgraph('bare', 'type Query { ping: Int }', header);
    const outcome = composeSubgraphs([people, bare], spec);
    expect(outcome.errors).toContain('bare: missing the lifecycle definition of @subject');
  });

  it('fails when composition would drop a directive the subgraph wrote', () => {
    const uncomposed = subgraph(
      'uncomposed',
      /* GraphQL */ `
        type Query {
          ping: Int
        }
        type Person @key(fields: "id") {
          id: ID!
          nickname: String @export(label: "Nickname") @destroy(strategy: ERASE)
        }
      `,
      `${header.replace('@composeDirective(name: "@export")', '')}\n${spec}`,
    );
    const outcome = composeSubgraphs([people, uncomposed], spec);
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        'uncomposed: missing @composeDirective(name: "@export")',
        'uncomposed: @export(label: "Nickname") on Person.nickname did not survive into the supergraph',
      ]),
    );
  });

  it('treats composition hints about lifecycle directives as errors', () => {
    const extraValue = subgraph(
      'extra',
      'type Query { ping: Int }',
      `${header}\n${spec.replace('ERASE ANONYMIZE SHRED', 'ERASE ANONYMIZE SHRED KEEP')}`,
    );
    const outcome = composeSubgraphs([people, extraValue], spec);
    expect(outcome.errors).toContainEqual(
      expect.stringMatching(/^lifecycle directive hint.*DestroyStrategy/),
    );
    expect(isLifecycleHint('Directive @retain is inconsistent')).toBe(true);
    expect(isLifecycleHint('Field Query.ping is only in one subgraph')).toBe(false);
  });
});
