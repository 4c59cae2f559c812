import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { SIGN_IN_MUTATIONS } from '../contracts/sign-in-mutations.ts';
import { identityPermissions } from '../subgraphs/identity/src/permissions.ts';
import { allow } from '../subgraphs/runtime/shield.ts';

// The gateway's once-per-operation rule (gateway/src/single-sign-in-rule.ts) guards the mutations
// of contracts/sign-in-mutations.ts: the list must follow identity's schema as it changes.

const identitySdl = parse(
  readFileSync(new URL('../subgraphs/identity/schema.graphql', import.meta.url), 'utf8'),
);
const mutations: FieldDefinitionNode[] = identitySdl.definitions.flatMap((definition) =>
  (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
  definition.name.value === 'Mutation'
    ? [...(definition.fields ?? [])]
    : [],
);
const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
const mutationRules = (identityPermissions as { Mutation: Record<string, unknown> }).Mutation;

/** Arguments that carry a secret a caller could guess. */
const SECRET_ARGUMENTS = new Set(['code', 'password', 'newPassword', 'currentPassword', 'callbackUrl']);

describe('the sign-in mutations the gateway allows once per operation', () => {
  it('are all mutations of identity', () => {
    const names = new Set(mutations.map((field) => field.name.value));
    expect([...SIGN_IN_MUTATIONS].filter((name) => !names.has(name))).toEqual([]);
  });

  it('include every identity mutation that issues a session, takes a secret or is open to anyone', () => {
    const signIns = mutations
      .filter(
        (field) =>
          namedType(field.type) === 'SignIn' ||
          (field.arguments ?? []).some((argument) => SECRET_ARGUMENTS.has(argument.name.value)) ||
          mutationRules[field.name.value] === allow,
      )
      .map((field) => field.name.value);
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.filter((name) => !SIGN_IN_MUTATIONS.has(name))).toEqual([]);
  });
});
