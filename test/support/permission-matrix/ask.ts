import type { TestStack } from '../stack.ts';
import { OPERATIONS, keyScopeOf, type Role } from './expectations.ts';
import type { World } from './fixture.ts';
import { documentOf, publicOperations, type PublicOperation } from './operations.ts';
import { outcomeOf, type Outcome } from './run.ts';

/** Who asks: a role of the table, or one of the operator's staff (the `operator` column). */
export type Caller = Role | 'operator';

/** The bearer token and the audit actor id of a role (none for anonymous). */
export function credentialOf(
  w: World,
  name: string,
  role: Caller,
): { token?: string; actorId: string | null } {
  const row = OPERATIONS[name]!;
  switch (role) {
    case 'operator': {
      if (!w.operator) throw new Error('the world has no operator: withOperator()');
      return { token: w.operator.token, actorId: w.operator.userId };
    }
    case 'anonymous':
      return { actorId: null };
    case 'participant':
    case 'editor':
    case 'admin': {
      const user = role === 'admin' ? w.a.admin : w.a[role];
      return { token: user.token, actorId: user.userId };
    }
    case 'otherAdmin':
      return { token: w.b.admin.token, actorId: w.b.admin.userId };
    default: {
      const key = w.a.keys[keyScopeOf(row, role)];
      return { token: key.token, actorId: key.id };
    }
  }
}

const operations = new Map<string, PublicOperation>();
export function operationNamed(name: string): PublicOperation {
  if (!operations.size) for (const o of publicOperations()) operations.set(o.name, o);
  const operation = operations.get(name);
  if (!operation) throw new Error(`no public operation ${name}`);
  return operation;
}

export interface Answer {
  outcome: Outcome;
  body: string;
}

/** Runs one operation of the table as a role, with the row's arguments or the ones given. */
export async function ask(
  stack: TestStack,
  w: World,
  name: string,
  role: Caller,
  args: Record<string, unknown> = OPERATIONS[name]!.args(w),
  selection = OPERATIONS[name]!.selection,
): Promise<Answer> {
  const operation = operationNamed(name);
  const result = await stack.graphql(
    documentOf(operation, selection),
    args,
    credentialOf(w, name, role).token,
  );
  return { outcome: outcomeOf(result, name), body: JSON.stringify(result) };
}

/** The ids of a tenant that must never show up in an answer to the other one. */
export const idsOf = (t: World['a'] | World['b']) => [
  t.organizationId,
  t.projectId,
  t.admin.userId,
  t.member.userId,
  t.memberSessionId,
  t.spareSessionId,
  t.spareKeyId,
  t.invitationId,
  t.exportId,
  t.deletionId,
];
