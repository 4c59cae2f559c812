import { Kind, type DocumentNode, type TypeNode } from 'graphql';
import { subjectTypesOf } from '../../subgraphs/protocols/subject-data/subject-types.ts';
import type { SubjectDataDeclaration } from '../../subgraphs/protocols/subject-data/subject-data.ts';

const namedType = (type: TypeNode): TypeNode =>
  type.kind === Kind.NON_NULL_TYPE ? namedType(type.type) : type;

/**
 * `@destroy(strategy: SHRED)` promises that the field is stored sealed under its subject's data
 * key. The composition holds the subgraph to it: a SHRED field is a String (a sealed value is
 * text; a list or an object has no one place to bind it to), and exactly the SHRED fields are the
 * ones its subject-data declaration says it seals (so a field marked SHRED that the code stores in
 * clear, or a sealed one whose mark was dropped, fails the build).
 */
export function checkShredFields(
  name: string,
  typeDefs: DocumentNode,
  declaration: SubjectDataDeclaration,
): string[] {
  const fieldTypes = new Map<string, TypeNode>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? [])
      fieldTypes.set(`${definition.name.value}.${field.name.value}`, field.type);
  }
  // A type without a binding is reported as such (compose-coverage.ts).
  return subjectTypesOf(typeDefs).flatMap((type) => {
    if (!declaration.types[type.name]) return [];
    const shred = [...type.destroyed].filter(([, strategy]) => strategy === 'SHRED').map(([field]) => field);
    const sealed = declaration.types[type.name]?.sealed ?? [];
    const errors: string[] = [];
    for (const field of shred) {
      const fieldType = namedType(fieldTypes.get(`${type.name}.${field}`)!);
      if (fieldType.kind !== Kind.NAMED_TYPE || fieldType.name.value !== 'String') {
        errors.push(`${name}: ${type.name}.${field}: @destroy(strategy: SHRED) is for String fields only`);
      }
      if (!sealed.includes(field)) {
        errors.push(
          `${name}: ${type.name}.${field} is marked SHRED but the subgraph does not seal it (its subject-data declaration's sealed fields)`,
        );
      }
    }
    for (const field of sealed.filter((f) => !shred.includes(f))) {
      errors.push(
        `${name}: ${type.name}.${field} is sealed by the subgraph but not marked @destroy(strategy: SHRED)`,
      );
    }
    return errors;
  });
}
