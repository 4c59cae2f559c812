import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { readSupergraph } from '../../../scripts/lib/subgraph-modules.ts';

// The public operations of the supergraph: every root field of Query and Mutation that is not
// @inaccessible. Built from the committed supergraph, so a new operation shows up here by itself.

export interface PublicOperation {
  name: string;
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

let cached: GraphQLSchema | undefined;
export function supergraphSchema(): GraphQLSchema {
  cached ??= buildASTSchema(parse(readSupergraph()), { assumeValidSDL: true });
  return cached;
}

const isPublic = (field: GraphQLField<unknown, unknown>) =>
  !field.astNode?.directives?.some((d) => d.name.value === 'inaccessible');

export function publicOperations(): PublicOperation[] {
  const schema = supergraphSchema();
  const of = (kind: 'query' | 'mutation') => {
    const type = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(type?.getFields() ?? {})
      .filter(isPublic)
      .map((field) => ({ name: field.name, kind, field }));
  };
  return [...of('query'), ...of('mutation')];
}

/** `__typename` and the return type's public leaf fields that need no arguments. */
export function defaultSelection(operation: PublicOperation): string {
  const type = getNamedType(operation.field.type);
  if (!isObjectType(type)) return '';
  const leaves = Object.values(type.getFields()).filter(
    (f) =>
      isPublic(f as GraphQLField<unknown, unknown>) &&
      f.args.length === 0 &&
      (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))),
  );
  return `{ __typename ${leaves.map((f) => f.name).join(' ')} }`;
}

const typeString = (type: GraphQLInputType): string => String(type);

/** The operation document for one root field, with every argument passed as a variable. */
export function documentOf(operation: PublicOperation, selection = defaultSelection(operation)): string {
  const args = operation.field.args;
  const variables = args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${operation.kind} Matrix_${operation.name}${variables ? `(${variables})` : ''} {
  ${operation.name}${passed ? `(${passed})` : ''} ${selection}
}`;
}

/** Every argument path holding an ID, inside input objects too (`subject.organizationId`). */
export function idArgumentPaths(operation: PublicOperation): string[] {
  const paths: string[] = [];
  const walk = (type: GraphQLInputType, path: string, seen: Set<string>) => {
    const inner = isNonNullType(type) || isListType(type) ? type.ofType : type;
    if (isNonNullType(inner) || isListType(inner)) return walk(inner, path, seen);
    if (isScalarType(inner) && inner.name === 'ID') paths.push(path);
    if (isInputObjectType(inner) && !seen.has(inner.name)) {
      for (const field of Object.values(inner.getFields()))
        walk(field.type, `${path}.${field.name}`, new Set([...seen, inner.name]));
    }
  };
  for (const arg of operation.field.args) walk(arg.type, arg.name, new Set());
  return paths;
}

/** A copy of `args` with the value at a dotted path replaced. */
export function withValueAt(
  args: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy = { ...args };
  copy[head!] = rest.length
    ? withValueAt((args[head!] as Record<string, unknown> | undefined) ?? {}, rest.join('.'), value)
    : value;
  return copy;
}
