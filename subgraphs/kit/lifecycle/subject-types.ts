import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** One `@subject` type of a subgraph's own schema, with the fields its exports carry. */
export interface SubjectType {
  name: string;
  tenantField: string | null;
  userField: string | null;
  /** Field name → export label, for the fields carrying `@export`. */
  exported: Map<string, string>;
}

function directive(directives: readonly ConstDirectiveNode[] | undefined, name: string) {
  const found = directives?.find((d) => d.name.value === name);
  if (!found) return null;
  return Object.fromEntries(
    (found.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  ) as Record<string, unknown>;
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** The `@subject` types a subgraph's schema defines (its own part of the data map). */
export function subjectTypesOf(typeDefs: DocumentNode): SubjectType[] {
  return typeDefs.definitions.flatMap((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return [];
    const subject = directive(definition.directives, 'subject');
    if (!subject) return [];
    const exported = new Map<string, string>();
    for (const field of definition.fields ?? []) {
      const args = directive(field.directives, 'export');
      if (args) exported.set(field.name.value, stringOrNull(args.label) ?? field.name.value);
    }
    return [
      {
        name: definition.name.value,
        tenantField: stringOrNull(subject.tenant),
        userField: stringOrNull(subject.user),
        exported,
      },
    ];
  });
}
