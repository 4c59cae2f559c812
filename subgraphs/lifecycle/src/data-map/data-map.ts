import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DefinitionNode,
  type EnumTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';

export const DESTROY_STRATEGIES = ['ERASE', 'ANONYMIZE', 'SHRED'] as const;
export type DestroyStrategy = (typeof DESTROY_STRATEGIES)[number];

export interface DataMapField {
  name: string;
  exportLabel: string | null;
  destroy: DestroyStrategy | null;
  retainReason: string | null;
  retainFor: string | null;
}

export interface DataMapType {
  name: string;
  subgraphs: string[];
  tenantField: string | null;
  userField: string | null;
  fields: DataMapField[];
}

/** The committed supergraph, schema/supergraph.graphql at the repository root. */
export const DEFAULT_SUPERGRAPH_URL = new URL('../../../../schema/supergraph.graphql', import.meta.url);

export const readSupergraphSdl = (path: string | URL = DEFAULT_SUPERGRAPH_URL): string =>
  readFileSync(path, 'utf8');

/**
 * The data map: every `@subject` type of the supergraph, the subgraphs defining it, and what export
 * and deletion do with each of its fields. Directive names are the spec's own: `npm run compose`
 * refuses subgraphs whose lifecycle definitions differ from schema/lifecycle-spec.graphql.
 */
export function buildDataMap(supergraphSdl: string): DataMapType[] {
  const definitions = parse(supergraphSdl).definitions;
  const graphNames = joinGraphNames(definitions);
  return definitions
    .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .flatMap((type) => {
      const subject = directiveArgs(type.directives, 'subject');
      if (!subject) return [];
      const graphs = (type.directives ?? [])
        .filter((d) => d.name.value === 'join__type')
        .map((d) => String(argsOf(d).graph))
        .map((graph) => graphNames.get(graph) ?? graph);
      return [
        {
          name: type.name.value,
          subgraphs: [...new Set(graphs)],
          tenantField: stringOrNull(subject.tenant),
          userField: stringOrNull(subject.user),
          fields: (type.fields ?? []).map((field): DataMapField => {
            const exported = directiveArgs(field.directives, 'export');
            const destroy = directiveArgs(field.directives, 'destroy');
            const retain = directiveArgs(field.directives, 'retain');
            return {
              name: field.name.value,
              exportLabel: exported ? (stringOrNull(exported.label) ?? field.name.value) : null,
              destroy: destroy
                ? destroyStrategy(destroy.strategy, `${type.name.value}.${field.name.value}`)
                : null,
              retainReason: retain ? stringOrNull(retain.reason) : null,
              retainFor: retain ? stringOrNull(retain.for) : null,
            };
          }),
        },
      ];
    });
}

/** join__Graph enum value (IDENTITY) → subgraph name (identity), from `@join__graph(name:)`. */
function joinGraphNames(definitions: readonly DefinitionNode[]): Map<string, string> {
  const graphEnum = definitions.find(
    (d): d is EnumTypeDefinitionNode =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  return new Map(
    (graphEnum?.values ?? []).map((value) => {
      const name = directiveArgs(value.directives, 'join__graph')?.name;
      return [value.name.value, typeof name === 'string' ? name : value.name.value.toLowerCase()];
    }),
  );
}

function argsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    (directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  );
}

function directiveArgs(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): Record<string, unknown> | null {
  const directive = directives?.find((d) => d.name.value === name);
  return directive ? argsOf(directive) : null;
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function destroyStrategy(value: unknown, coordinate: string): DestroyStrategy {
  const strategy = DESTROY_STRATEGIES.find((s) => s === value);
  if (!strategy) throw new Error(`${coordinate}: unknown destroy strategy ${String(value)}`);
  return strategy;
}
