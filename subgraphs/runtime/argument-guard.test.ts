import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { guardArguments, LINE_LIMIT, TEXT_LIMIT } from './argument-guard.ts';

const sdl = /* GraphQL */ `
  directive @inaccessible on FIELD_DEFINITION
  input Subject {
    organizationId: ID
    userId: ID
  }
  input Filter {
    targetId: ID
    nested: [Filter!]
  }
  type Query {
    item(id: ID!): String
    items(ids: [ID!]!, names: [String!]): String
    named(name: String!, note: String, count: Int): String
    subject(subject: Subject!): String
    filtered(filter: Filter): String
    internal(token: String!): String @inaccessible
  }
`;

function schemaWith(calls: string[]) {
  const schema = buildSchema(sdl);
  for (const field of Object.values(schema.getQueryType()!.getFields()))
    field.resolve = () => {
      calls.push(field.name);
      return 'ran';
    };
  return guardArguments(schema, {
    notIds: ['Filter.targetId'],
    text: ['Query.named(note:)'],
  });
}

async function run(query: string, variables: Record<string, unknown>) {
  const calls: string[] = [];
  const result = await graphql({ schema: schemaWith(calls), source: query, variableValues: variables });
  const error = result.errors?.[0];
  return { calls, code: error?.extensions.code, field: error?.extensions.field, message: error?.message };
}

const id = '0b7d9c1e-3f4a-4b5c-8d6e-7f8091a2b3c4';

describe('guardArguments', () => {
  it('lets well-formed values through to the resolver', async () => {
    expect(await run('query($id: ID!) { item(id: $id) }', { id })).toMatchObject({ calls: ['item'] });
    expect(
      await run('query($n: String!, $t: String) { named(name: $n, note: $t) }', {
        n: 'Zoë’s team — 日本 🚀',
        t: 'line one\nline two\ttabbed\r\n',
      }),
    ).toMatchObject({ calls: ['named'], code: undefined });
    expect(
      await run('query($f: Filter) { filtered(filter: $f) }', { f: { targetId: 'Dashboard' } }),
    ).toMatchObject({ calls: ['filtered'] });
  });

  it('refuses what is not an id, in lists and input objects too, before the resolver runs', async () => {
    for (const bad of ["' or 1=1--", '1', '', `${id}\u0000`, `${id} `, id.replaceAll('-', '')]) {
      expect(await run('query($id: ID!) { item(id: $id) }', { id: bad })).toEqual({
        calls: [],
        code: 'BAD_USER_INPUT',
        field: 'id',
        message: 'Not an id',
      });
    }
    expect(await run('query($ids: [ID!]!) { items(ids: $ids) }', { ids: [id, 'x'] })).toMatchObject({
      calls: [],
      field: 'ids.1',
    });
    expect(
      await run('query($s: Subject!) { subject(subject: $s) }', { s: { userId: "1' --" } }),
    ).toMatchObject({ calls: [], code: 'BAD_USER_INPUT', field: 'subject.userId' });
    // An integer literal for an ID is coerced to a string, and is no id either.
    expect(await run('{ item(id: 42) }', {})).toMatchObject({ calls: [], code: 'BAD_USER_INPUT' });
  });

  it('refuses control characters, lone surrogates and over-long strings', async () => {
    const named = (name: string, note?: string) =>
      run('query($n: String!, $t: String) { named(name: $n, note: $t) }', { n: name, t: note });
    for (const bad of [
      'a\u0000b',
      'bell\u0007',
      '\u001b[31mred',
      'del\u007f',
      'c1\u0085',
      'two\nlines',
      'tab\t',
      'sep\u2028',
    ]) {
      expect(await named(bad)).toMatchObject({ calls: [], code: 'BAD_USER_INPUT', field: 'name' });
    }
    expect(await named('x'.repeat(LINE_LIMIT))).toMatchObject({ calls: ['named'] });
    expect(await named('x'.repeat(LINE_LIMIT + 1))).toMatchObject({ calls: [], field: 'name' });
    expect(await named('half \ud800 pair')).toMatchObject({ calls: [], message: 'Not well-formed Unicode' });
    // Free text keeps its line breaks, but no other control character, and has its own limit.
    expect(await named('ok', 'a\u0000b')).toMatchObject({ calls: [], field: 'note' });
    expect(await named('ok', 'x'.repeat(TEXT_LIMIT + 1))).toMatchObject({ calls: [], field: 'note' });
    expect(
      await run('query($f: Filter) { filtered(filter: $f) }', { f: { nested: [{ targetId: 'a\nb' }] } }),
    ).toMatchObject({ calls: [], field: 'filter.nested.0.targetId' });
    expect(
      await run('query($names: [String!]) { items(ids: [], names: $names) }', { names: ['ok', 'no\u0000'] }),
    ).toMatchObject({ calls: [], field: 'names.1' });
  });

  it('leaves internal fields to the services that call them', async () => {
    expect(await run('query($t: String!) { internal(token: $t) }', { t: 'a\u0000' })).toMatchObject({
      calls: ['internal'],
    });
  });

  it('refuses at boot a rule naming no argument of the schema', () => {
    expect(() => guardArguments(buildSchema(sdl), { text: ['Query.named(nmae:)'] })).toThrow(
      'Query.named(nmae:)',
    );
  });
});
