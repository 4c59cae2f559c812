import { describe, expect, it } from '@jest/globals';
import { isObjectType } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readSupergraph, subgraphModules } from '../scripts/lib/subgraph-modules.ts';

// Deny by default is only half the promise: every public field must also have a rule that says
// who may reach it. This walks each subgraph's executable schema, so a field added to a
// schema.graphql without a rule fails here.
const FEDERATION = new Set(['_Service', '_Entity', '_Any']);
const FEDERATION_FIELDS = new Set(['Query._service', 'Query._entities']);

describe.each(
  subgraphModules({ production: true, supergraphSdl: readSupergraph() }).map((m) => [m.name, m] as const),
)('the %s subgraph', (_name, module) => {
  it('has an explicit permission rule for every field of every object type', () => {
    const schema = buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers as never }]);
    const rules = module.permissions as Record<string, Record<string, unknown> | undefined>;
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || FEDERATION.has(type.name)) continue;
      for (const field of Object.keys(type.getFields())) {
        const path = `${type.name}.${field}`;
        if (FEDERATION_FIELDS.has(path)) continue;
        if (!rules[type.name]?.[field] && !rules[type.name]?.['*']) missing.push(path);
      }
    }
    expect(missing).toEqual([]);
  });
});
