import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { Retention } from '../../../contracts/subject-data-destroy.ts';

/** Why a subject's data is kept after its deletion, and at most how long (the destroy contract's). */
export type { Retention };

export type DestroyStrategy = 'ERASE' | 'ANONYMIZE' | 'SHRED';

/** One `@subject` type of a subgraph's own schema, with the fields its exports carry. */
export interface SubjectType {
  name: string;
  tenantField: string | null;
  userField: string | null;
  /** Field name → export label, for the fields carrying `@export`. */
  exported: Map<string, string>;
  /** Field name → what deletion does to it, for the fields carrying `@destroy`. */
  destroyed: Map<string, DestroyStrategy>;
  /** The fields carrying `@retain`: kept after the subject's deletion. */
  retained: Set<string>;
  /** The distinct reasons and periods of its `@retain` fields, as a certificate states them. */
  retention: Retention[];
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
    const destroyed = new Map<string, DestroyStrategy>();
    const retained = new Set<string>();
    const retention = new Map<string, Retention>();
    for (const field of definition.fields ?? []) {
      const name = field.name.value;
      const args = directive(field.directives, 'export');
      if (args) exported.set(name, stringOrNull(args.label) ?? name);
      const destroy = directive(field.directives, 'destroy');
      if (destroy) destroyed.set(name, destroy.strategy as DestroyStrategy);
      const retain = directive(field.directives, 'retain');
      if (retain) {
        retained.add(name);
        const kept = { reason: String(retain.reason), keptFor: String(retain.for) };
        retention.set(`${kept.reason}\u0000${kept.keptFor}`, kept);
      }
    }
    return [
      {
        name: definition.name.value,
        tenantField: stringOrNull(subject.tenant),
        userField: stringOrNull(subject.user),
        exported,
        destroyed,
        retained,
        retention: [...retention.values()],
      },
    ];
  });
}
