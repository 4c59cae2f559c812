import {
  getArgumentValues,
  getNamedType,
  isListType,
  isNonNullType,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Principal } from '../../platform/principal.ts';
import { rootFieldNodes } from './root-fields.ts';

const PAGE_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);

/** Argument names whose values are organization ids, or project ids, wherever they appear. */
const ORGANIZATION_ARGUMENTS = new Set(['organizationId', 'organizationIds']);
const PROJECT_ARGUMENTS = new Set(['projectId', 'projectIds']);

/**
 * The organizations whose data an operation touched, among those the principal belongs to: an
 * access event belongs in those organizations' logs and in no other. Read from the root fields'
 * arguments (variables applied): `organizationId` anywhere in them, a project's id (its
 * organization from the principal's own project roles), the `id` of a field answering an
 * Organization or a Project, and a field listing the caller's organizations (all of them). An
 * operation that names none (`me`, a session of one's own) touches no organization: it stays
 * the person's own. An API key acts in its own organization only.
 */
export function organizationsTouched(
  principal: Principal,
  rootType: GraphQLObjectType | null | undefined,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode> = new Map(),
): string[] {
  if (principal.kind === 'apiKey') return [principal.organizationId];
  if (principal.kind !== 'user' || !rootType || !operation) return [];
  const member = new Set(principal.memberships.map((m) => m.organizationId.toLowerCase()));
  const projects = new Map(
    principal.memberships.flatMap((m) =>
      m.projects.map((p) => [p.projectId.toLowerCase(), m.organizationId.toLowerCase()] as const),
    ),
  );
  const touched = new Set<string>();
  const addOrganization = (id: unknown) => {
    if (typeof id === 'string' && member.has(id.toLowerCase())) touched.add(id.toLowerCase());
  };
  const addProject = (id: unknown) => {
    if (typeof id === 'string') addOrganization(projects.get(id.toLowerCase()));
  };
  const collect = (value: unknown, name: string | null): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item, name);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) collect(inner, key);
    } else if (name && ORGANIZATION_ARGUMENTS.has(name)) {
      addOrganization(value);
    } else if (name && PROJECT_ARGUMENTS.has(name)) {
      addProject(value);
    }
  };

  for (const { node, field } of rootFieldsOf(rootType, operation.selectionSet, fragments)) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables ?? {});
    } catch {
      continue; // Arguments that do not coerce: the operation was refused before touching anything.
    }
    collect(args, null);
    const answers = getNamedType(field.type).name;
    if (answers === 'Organization') {
      if (typeof args.id === 'string') addOrganization(args.id);
      // A list of the caller's organizations (no id among its arguments, a page size at most).
      else if (isList(field.type) && field.args.every((a) => PAGE_ARGUMENTS.has(a.name)))
        for (const id of member) touched.add(id);
    } else if (answers === 'Project' && typeof args.id === 'string') {
      addProject(args.id);
    }
  }
  return [...touched].sort();
}

function* rootFieldsOf(
  rootType: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Generator<{ node: FieldNode; field: GraphQLField<unknown, unknown> }> {
  for (const node of rootFieldNodes(selectionSet, fragments)) {
    const field = rootType.getFields()[node.name.value];
    if (field) yield { node, field };
  }
}

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);
