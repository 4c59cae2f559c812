import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildDataMap } from './data-map.ts';

const header = ['federation-header', 'lifecycle-spec']
  .map((name) => readFileSync(new URL(`../../../../schema/${name}.graphql`, import.meta.url), 'utf8'))
  .join('\n');

function composed(subgraphs: Record<string, string>): string {
  const result = composeServices(
    Object.entries(subgraphs).map(([name, body]) => ({
      name,
      url: `http://localhost/${name}`,
      typeDefs: parse(`${header}\n${body}`),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

const supergraph = composed({
  people: /* GraphQL */ `
    type Query {
      person(id: ID!): Person
    }
    type Person @key(fields: "id") @subject(user: "id") {
      id: ID! @export(label: "Person id") @destroy(strategy: ERASE)
      name: String! @export @destroy(strategy: ANONYMIZE)
    }
  `,
  billing: /* GraphQL */ `
    type Query {
      invoices: [Invoice!]!
    }
    type Person @key(fields: "id") {
      id: ID!
      invoices: [Invoice!]! @destroy(strategy: ERASE)
    }
    type Invoice @subject(tenant: "organizationId", user: "personId") {
      organizationId: ID! @retain(reason: "Bookkeeping", for: "P7Y")
      personId: ID! @destroy(strategy: ERASE)
      total: Int! @export(label: "Total") @retain(reason: "Bookkeeping", for: "P7Y")
    }
    type Plain {
      note: String
    }
  `,
});

describe('buildDataMap', () => {
  const map = buildDataMap(supergraph);

  it('lists only @subject types, with the subgraphs that define them', () => {
    expect(map.map((t) => t.name)).toEqual(['Invoice', 'Person']);
    expect(map.find((t) => t.name === 'Person')?.subgraphs.sort()).toEqual(['billing', 'people']);
    expect(map.find((t) => t.name === 'Invoice')).toMatchObject({
      subgraphs: ['billing'],
      tenantField: 'organizationId',
      userField: 'personId',
    });
  });

  it("reads each field's export, destroy and retain directives", () => {
    const person = map.find((t) => t.name === 'Person');
    expect(person).toMatchObject({ tenantField: null, userField: 'id' });
    // Field order follows composition, not one subgraph's file.
    expect(person?.fields).toHaveLength(3);
    expect(person?.fields).toEqual(
      expect.arrayContaining([
        { name: 'id', exportLabel: 'Person id', destroy: 'ERASE', retainReason: null, retainFor: null },
        { name: 'name', exportLabel: 'name', destroy: 'ANONYMIZE', retainReason: null, retainFor: null },
        { name: 'invoices', exportLabel: null, destroy: 'ERASE', retainReason: null, retainFor: null },
      ]),
    );
    expect(map.find((t) => t.name === 'Invoice')?.fields).toContainEqual({
      name: 'total',
      exportLabel: 'Total',
      destroy: null,
      retainReason: 'Bookkeeping',
      retainFor: 'P7Y',
    });
  });
});
