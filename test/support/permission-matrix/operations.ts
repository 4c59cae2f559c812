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

/** A leaf argument: its dotted path (`0` for a list's item), schema coordinate and type name. */
export interface ArgumentPath {
  path: string;
  /** `Mutation.createProject(name:)`, or `SubjectInput.userId` inside an input object. */
  coordinate: string;
  /** The named leaf type: ID, String, Int, DateTime, an enum… */
  type: string;
}

/** Every leaf argument of an operation, inside input objects and lists too (`rules.0.keepFor`). */
export function argumentPaths(operation: PublicOperation): ArgumentPath[] {
  const paths: ArgumentPath[] = [];
  const walk = (type: GraphQLInputType, path: string, coordinate: string, seen: Set<string>) => {
    if (isNonNullType(type)) return walk(type.ofType, path, coordinate, seen);
    if (isListType(type)) return walk(type.ofType, `${path}.0`, coordinate, seen);
    if (isInputObjectType(type)) {
      if (seen.has(type.name)) return;
      for (const field of Object.values(type.getFields())) {
        if (!isPublic(field as never)) continue;
        walk(
          field.type,
          `${path}.${field.name}`,
          `${type.name}.${field.name}`,
          new Set([...seen, type.name]),
        );
      }
      return;
    }
    paths.push({ path, coordinate, type: type.name });
  };
  const root = operation.kind === 'query' ? 'Query' : 'Mutation';
  for (const arg of operation.field.args)
    walk(arg.type, arg.name, `${root}.${operation.name}(${arg.name}:)`, new Set());
  return paths;
}

/** A copy of `args` with the value at a dotted path replaced. */
export function withValueAt(
  args: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  // A numeric segment is a list's item: the list is copied as a list.
  const copy = (Array.isArray(args) ? [...args] : { ...args }) as Record<string, unknown>;
  const inner = args[head!] ?? (rest.length && /^\d+$/.test(rest[0]!) ? [] : {});
  copy[head!] = rest.length ? withValueAt(inner as Record<string, unknown>, rest.join('.'), value) : value;
  return copy;
}
