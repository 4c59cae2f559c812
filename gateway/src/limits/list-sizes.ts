import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/** What the supergraph's `@listSize` says of one list field (federation's demand-control directive). */
export interface ListSize {
  /** The size assumed when no slicing argument is given. */
  assumedSize?: number;
  /** The arguments whose value is the page size (`first`). */
  slicingArguments: string[];
  /** A connection's lists that the slicing argument sizes (`edges`), the connection itself counting once. */
  sizedFields: string[];
}

/** `Type.field` → its `@listSize`, read from the composed supergraph's SDL. */
export type ListSizes = ReadonlyMap<string, ListSize>;

function listSizeOf(directive: ConstDirectiveNode): ListSize {
  const size: ListSize = { slicingArguments: [], sizedFields: [] };
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'assumedSize' && value.kind === Kind.INT)
      size.assumedSize = Number.parseInt(value.value, 10);
    if (argument.name.value === 'slicingArguments' && value.kind === Kind.LIST)
      size.slicingArguments = value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
    if (argument.name.value === 'sizedFields' && value.kind === Kind.LIST)
      size.sizedFields = value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
  }
  return size;
}

/** Every `@listSize` of the supergraph, so the operation cost comes from the schema. */
export function listSizesOf(supergraphSdl: string): ListSizes {
  const sizes = new Map<string, ListSize>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === 'listSize');
      if (directive) sizes.set(`${definition.name.value}.${field.name.value}`, listSizeOf(directive));
    }
  }
  return sizes;
}
