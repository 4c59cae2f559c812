import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';

// The lifecycle spec's checks: definitions identical in every subgraph, every directive use
// carried into the supergraph, every field of a @subject type classified.

export const LIFECYCLE_DIRECTIVES = ['subject', 'export', 'destroy', 'retain'] as const;
export const LIFECYCLE_SPEC_URL = 'https://steward.dev/lifecycle/v1.0';
export const DESTROY_STRATEGY_ENUM = 'DestroyStrategy';
const LIFECYCLE_NAMES = new Set<string>(LIFECYCLE_DIRECTIVES);

/** A subgraph's SDL as rover.yaml names it. */
export interface SubgraphSdl {
  name: string;
  sdl: string;
}

function specDefinitions(spec: DocumentNode): Map<string, DefinitionNode> {
  const byName = new Map<string, DefinitionNode>();
  for (const definition of spec.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) byName.set(`@${definition.name.value}`, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) byName.set(definition.name.value, definition);
  }
  return byName;
}

const definitionName = (definition: DefinitionNode): string | null => {
  if (definition.kind === Kind.DIRECTIVE_DEFINITION) return `@${definition.name.value}`;
  return 'name' in definition && definition.name ? definition.name.value : null;
};

/**
 * Every subgraph carries the definitions of schema/lifecycle-spec.graphql, each printed identically
 * (so layout and comments may differ, meaning may not), and extends none of them.
 */
export function checkLifecycleDefinitions(subgraphs: SubgraphSdl[], specSdl: string): string[] {
  const expected = specDefinitions(parse(specSdl));
  const errors: string[] = [];
  for (const subgraph of subgraphs) {
    const found = new Map<string, DefinitionNode[]>();
    for (const definition of parse(subgraph.sdl).definitions) {
      const name = definitionName(definition);
      if (name && expected.has(name)) found.set(name, [...(found.get(name) ?? []), definition]);
    }
    errors.push(...checkLifecycleLink(subgraph));
    for (const [name, definition] of expected) {
      const mine = found.get(name) ?? [];
      const wanted = print(definition);
      if (mine.length === 0) {
        errors.push(`${subgraph.name}: missing the lifecycle definition of ${name}`);
      } else if (mine.length > 1) {
        errors.push(`${subgraph.name}: ${name} is defined or extended more than once`);
      } else if (print(mine[0]!) !== wanted) {
        errors.push(
          `${subgraph.name}: the definition of ${name} differs from schema/lifecycle-spec.graphql\n` +
            `    expected: ${oneLine(wanted)}\n    found:    ${oneLine(print(mine[0]!))}`,
        );
      }
    }
  }
  return errors;
}

/** The spec is linked at its one version, imported under its own names, every directive composed. */
function checkLifecycleLink(subgraph: SubgraphSdl): string[] {
  const schemaDirectives = parse(subgraph.sdl).definitions.flatMap((d) =>
    d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION ? (d.directives ?? []) : [],
  );
  const argument = (directive: ConstDirectiveNode, name: string) =>
    directive.arguments?.find((a) => a.name.value === name)?.value;
  const stringOf = (value: ConstValueNode | undefined) => (value?.kind === Kind.STRING ? value.value : null);
  const links = schemaDirectives.filter(
    (d) =>
      d.name.value === 'link' && stringOf(argument(d, 'url'))?.startsWith('https://steward.dev/lifecycle/'),
  );
  if (links.length !== 1 || stringOf(argument(links[0]!, 'url')) !== LIFECYCLE_SPEC_URL) {
    return [`${subgraph.name}: must @link the lifecycle spec once, at ${LIFECYCLE_SPEC_URL}`];
  }
  const imports = argument(links[0]!, 'import');
  const imported = new Set(imports?.kind === Kind.LIST ? imports.values.map(stringOf) : []);
  const composed = new Set(
    schemaDirectives
      .filter((d) => d.name.value === 'composeDirective')
      .map((d) => stringOf(argument(d, 'name'))),
  );
  return LIFECYCLE_DIRECTIVES.flatMap((name) => [
    ...(imported.has(`@${name}`) ? [] : [`${subgraph.name}: the lifecycle @link must import "@${name}"`]),
    ...(composed.has(`@${name}`) ? [] : [`${subgraph.name}: missing @composeDirective(name: "@${name}")`]),
  ]);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** Composition hints are advice, except where they concern the lifecycle contract. */
export const isLifecycleHint = (message: string): boolean =>
  /@(subject|export|destroy|retain)\b|\bDestroyStrategy\b/.test(message);

/** `@name(a: 1, b: 2)` with arguments sorted, so argument order does not matter. */
function printDirective(directive: ConstDirectiveNode): string {
  const args = [...(directive.arguments ?? [])]
    .sort((a, b) => a.name.value.localeCompare(b.name.value))
    .map((argument) => `${argument.name.value}: ${print(argument.value)}`);
  return `@${directive.name.value}${args.length ? `(${args.join(', ')})` : ''}`;
}

const lifecycleUses = (directives: readonly ConstDirectiveNode[] | undefined): string[] =>
  (directives ?? []).filter((d) => LIFECYCLE_NAMES.has(d.name.value)).map(printDirective);

/** Directive uses per schema coordinate (`Type` or `Type.field`) of one document. */
function usesByCoordinate(document: DocumentNode): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (coordinate: string, found: string[]) => {
    if (found.length) uses.set(coordinate, [...(uses.get(coordinate) ?? []), ...found]);
  };
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const type = definition.name.value;
    add(type, lifecycleUses(definition.directives));
    for (const field of definition.fields ?? [])
      add(`${type}.${field.name.value}`, lifecycleUses(field.directives));
  }
  return uses;
}

/** Every lifecycle directive written in a subgraph is present, with its arguments, in the supergraph. */
export function checkLifecycleSurvives(
  subgraphs: SubgraphSdl[],
  supergraph: DocumentNode,
  specSdl: string,
): string[] {
  const errors: string[] = [];
  const supergraphNames = new Set(supergraph.definitions.map(definitionName));
  for (const name of specDefinitions(parse(specSdl)).keys()) {
    if (!supergraphNames.has(name))
      errors.push(`supergraph: the definition of ${name} was dropped by composition`);
  }
  const composed = usesByCoordinate(supergraph);
  for (const subgraph of subgraphs) {
    for (const [coordinate, uses] of usesByCoordinate(parse(subgraph.sdl))) {
      const present = composed.get(coordinate) ?? [];
      for (const use of uses.filter((u) => !present.includes(u))) {
        errors.push(`${subgraph.name}: ${use} on ${coordinate} did not survive into the supergraph`);
      }
    }
  }
  return errors;
}

const hasDirective = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  (node.directives ?? []).some((d) => d.name.value === name);

/**
 * Every field of a @subject type carries exactly one of @destroy and @retain, and the fields that
 * @subject names exist.
 */
export function checkSubjectFields(supergraph: DocumentNode): string[] {
  const errors: string[] = [];
  const subjects = supergraph.definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && hasDirective(d, 'subject'),
  );
  for (const type of subjects) {
    const fields = type.fields ?? [];
    errors.push(...checkSubjectArguments(type, fields));
    for (const field of fields) {
      const destroy = hasDirective(field, 'destroy');
      const retain = hasDirective(field, 'retain');
      const coordinate = `${type.name.value}.${field.name.value}`;
      if (!destroy && !retain) {
        errors.push(`${coordinate}: a field of a @subject type needs @destroy or @retain (it has neither)`);
      } else if (destroy && retain) {
        errors.push(`${coordinate}: a field of a @subject type takes one of @destroy and @retain, not both`);
      }
    }
  }
  return errors;
}

function checkSubjectArguments(
  type: ObjectTypeDefinitionNode,
  fields: readonly FieldDefinitionNode[],
): string[] {
  const subject = type.directives?.find((d) => d.name.value === 'subject');
  const named = (subject?.arguments ?? []).flatMap((a) =>
    a.value.kind === Kind.STRING ? [{ argument: a.name.value, field: a.value.value }] : [],
  );
  if (named.length === 0) return [`${type.name.value}: @subject names neither a tenant nor a user field`];
  return named
    .filter(({ field }) => !fields.some((f) => f.name.value === field))
    .map(
      ({ argument, field }) =>
        `${type.name.value}: @subject(${argument}: "${field}") names no field of the type`,
    );
}
