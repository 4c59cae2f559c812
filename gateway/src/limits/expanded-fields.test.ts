import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { maxExpandedFieldsRule } from './expanded-fields.ts';

const schema = buildSchema('type Query { items: [Item!]! } type Item { id: ID! name: String }');
const errorsOf = (source: string, limit: number) =>
  validate(schema, parse(source), [maxExpandedFieldsRule(limit)]).map((e) => e.extensions.code);

/** `items { ...F0 × k }`, `F0 { ...F1 × k }`, …: k^(levels+1) spreads of `id name`. */
function fanOut(levels: number, k: number): string {
  const spreads = (name: string) => Array<string>(k).fill(`...${name}`).join(' ');
  let source = `{ items { ${spreads('F0')} } }`;
  for (let level = 0; level < levels; level++)
    source += ` fragment F${level} on Item { ${spreads(`F${level + 1}`)} }`;
  return `${source} fragment F${levels} on Item { id name }`;
}

describe('fields once fragments are expanded', () => {
  it('counts a fragment where it is spread, every time', () => {
    expect(errorsOf(fanOut(1, 3), 19)).toEqual([]);
    expect(errorsOf(fanOut(1, 3), 18)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a fragment bomb at once, counting each fragment once', () => {
    const started = Date.now();
    expect(errorsOf(fanOut(8, 100), 2000)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
