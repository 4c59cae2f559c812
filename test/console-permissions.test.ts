import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import * as documents from '../gateway/console/src/generated/graphql.ts';
import {
  OPERATIONS_OF,
  SELF_SERVICE_OPERATIONS,
  may,
  type Action,
  type OrganizationRole,
} from '../gateway/console/src/permissions.ts';
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
    const operations = OPERATIONS_OF[action].filter((operation) => !operation.includes('.'));
    for (const operation of operations) expect(OPERATIONS).toHaveProperty([operation]);
    for (const [role, matrixRoles] of Object.entries(MATRIX_ROLES) as [OrganizationRole, Role[]][]) {
      for (const matrixRole of matrixRoles) {
        for (const operation of operations) {
          const allowed = OPERATIONS[operation]!.expect[matrixRole] === 'ALLOWED';
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
  });

  it('sends only operations it accounts for, each one in the public graph', () => {
    const used = new Set(consoleRootFields());
    expect(used.size).toBeGreaterThan(20);
    const accounted = new Set([...Object.values(OPERATIONS_OF).flat(), ...SELF_SERVICE_OPERATIONS]);
    for (const field of used) {
      expect({ field, accounted: accounted.has(field) }).toEqual({ field, accounted: true });
      expect(OPERATIONS).toHaveProperty([field]);
    }
  });
});
