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

  it('leaves other mutations and queries alone', () => {
    expect(errorsOf('mutation { a: signOut b: signOut }')).toEqual([]);
    expect(errorsOf('{ a: me b: me }')).toEqual([]);
  });
});
