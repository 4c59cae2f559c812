import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import * as documents from '../gateway/console/src/generated/graphql.ts';
import {
  NARROWER_THAN_ROW,
  OPERATIONS_OF,
  PROJECT_OPERATIONS_OF,
  SELF_SERVICE_OPERATIONS,
  may,
  mayInProject,
  type Action,
  type OrganizationRole,
  type ProjectAction,
  type ProjectRole,
} from '../gateway/console/src/permissions.ts';
import { allowed as allowedTo } from './support/console-offered.ts';
import { OPERATIONS, type Role } from './support/permission-matrix/expectations.ts';

// The console offers an action to a role exactly when the permission matrix allows that role the
// operations the action sends: an organization MEMBER is the matrix's participant and editor, an
// ADMIN its admin. And every operation the console sends is accounted for, as a role-gated action
// or as something anyone signed in does about themselves.

const MATRIX_ROLES: Record<OrganizationRole, Role[]> = {
  ADMIN: ['admin'],
  MEMBER: ['participant', 'editor'],
};
const actions = Object.keys(OPERATIONS_OF) as Action[];
const projectActions = Object.keys(PROJECT_OPERATIONS_OF) as ProjectAction[];
const PROJECT_ROLES: [Role, OrganizationRole, ProjectRole | null][] = [
  ['admin', 'ADMIN', 'EDITOR'],
  ['editor', 'MEMBER', 'EDITOR'],
  ['participant', 'MEMBER', 'PARTICIPANT'],
];

/** The root fields of every document the console sends (typed documents of the client preset). */
function consoleRootFields(): string[] {
  return Object.entries(documents)
    .filter(([name]) => name.endsWith('Document'))
    .flatMap(([, document]) =>
      parse(String(document))
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .flatMap((d) =>
          d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
        ),
    );
}

describe("the console's offered actions against the permission matrix", () => {
  it.each(actions)('%s is offered to a role exactly when the matrix allows it', (action) => {
    const operations = OPERATIONS_OF[action];
    for (const [role, matrixRoles] of Object.entries(MATRIX_ROLES) as [OrganizationRole, Role[]][]) {
      for (const matrixRole of matrixRoles) {
        for (const operation of operations) {
          const allowed = allowedTo(matrixRole, operation);
          expect({ action, role, operation, offered: may(role, action) }).toEqual({
            action,
            role,
            operation,
            offered: allowed,
          });
        }
      }
    }
  });

  it('offers nothing to someone who is not a member of the organization', () => {
    for (const action of actions) expect(may(null, action)).toBe(false);
    for (const action of projectActions) expect(mayInProject(null, null, action)).toBe(false);
  });

  // In a project, the matrix's roles are exactly the console's: an admin (an editor of every
  // project), a member who is the project's editor, a member who is its participant.
  it.each(projectActions)('%s is offered in a project exactly when the matrix allows it', (action) => {
    for (const [matrixRole, organizationRole, projectRole] of PROJECT_ROLES) {
      const offered = mayInProject(organizationRole, projectRole, action);
      for (const operation of PROJECT_OPERATIONS_OF[action]) {
        const allowed = allowedTo(matrixRole, operation);
        // Never offered beyond the row; offered to all it allows unless the action is narrower.
        if (offered)
          expect({ action, matrixRole, operation, allowed }).toEqual({
            action,
            matrixRole,
            operation,
            allowed: true,
          });
        else if (!NARROWER_THAN_ROW[action])
          expect({ action, matrixRole, operation, allowed }).toEqual({
            action,
            matrixRole,
            operation,
            allowed: false,
          });
      }
    }
    if (NARROWER_THAN_ROW[action]) expect(mayInProject('MEMBER', 'EDITOR', action)).toBe(false);
  });

  it('sends only operations it accounts for, each one in the public graph', () => {
    const used = new Set(consoleRootFields());
    expect(used.size).toBeGreaterThan(20);
    const accounted = new Set([
      ...Object.values(OPERATIONS_OF).flat(),
      ...Object.values(PROJECT_OPERATIONS_OF).flat(),
      ...SELF_SERVICE_OPERATIONS,
    ]);
    for (const field of used) {
      expect({ field, accounted: accounted.has(field) }).toEqual({ field, accounted: true });
      expect(OPERATIONS).toHaveProperty([field]);
    }
  });
});
