import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { SingleSignInMutationRule } from './single-sign-in-rule.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    me: String
  }
  type Mutation {
    signInWithCode(email: String!, code: String!): String
    signOut: Boolean
  }
`);
const errorsOf = (source: string) =>
  validate(schema, parse(source), [SingleSignInMutationRule]).map((e) => e.message);

describe('SingleSignInMutationRule', () => {
  it('allows one sign-in per operation, with other fields', () => {
    expect(errorsOf('mutation { signInWithCode(email: "a", code: "1") signOut }')).toEqual([]);
  });

  it('refuses aliases of the same sign-in mutation', () => {
    expect(
      errorsOf(
        'mutation { a: signInWithCode(email: "a", code: "1") b: signInWithCode(email: "a", code: "2") }',
      ),
    ).toEqual(['signInWithCode may appear at most once per operation']);
  });

  it('sees through fragments and inline fragments', () => {
    const source = /* GraphQL */ `
      mutation {
        ...Guess
        ... on Mutation {
          again: signInWithCode(email: "a", code: "3")
        }
      }
      fragment Guess on Mutation {
        signInWithCode(email: "a", code: "1")
      }
    `;
    expect(errorsOf(source)).toEqual(['signInWithCode may appear at most once per operation']);
  });

  it('walks a fragment spread over and over once (no k^n walk of a fragment bomb)', () => {
    const spreads = (name: string) => Array<string>(100).fill(`...${name}`).join(' ');
    let source = 'mutation { ...M0 }';
    for (let level = 0; level < 3; level++)
      source += ` fragment M${level} on Mutation { ${spreads(`M${level + 1}`)} }`;
    source += ' fragment M3 on Mutation { signInWithCode(email: "a", code: "1") }';
    const started = Date.now();
    expect(errorsOf(source)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('leaves other mutations and queries alone', () => {
    expect(errorsOf('mutation { a: signOut b: signOut }')).toEqual([]);
    expect(errorsOf('{ a: me b: me }')).toEqual([]);
  });
});
