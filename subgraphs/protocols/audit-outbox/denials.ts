import {
  Kind,
  type DocumentNode,
  type GraphQLError,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { actorOf, recordAuditEvent } from './audit-outbox.ts';
import { ErrorCode } from '../../../platform/errors.ts';
import { tenantIdsOf } from '../../../platform/principal.ts';
import type { SubgraphContext } from '../../runtime/context.ts';

export interface DeniedRequest {
  errors: readonly GraphQLError[];
  operation: OperationDefinitionNode | undefined;
  document: DocumentNode | undefined;
  variables: Record<string, unknown> | undefined;
}

function stringArgument(value: ValueNode | undefined, variables: DeniedRequest['variables']): string | null {
  if (!value) return null;
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.VARIABLE) {
    const raw = variables?.[value.name.value];
    return typeof raw === 'string' ? raw : null;
  }
  return null;
}

/**
 * Every FORBIDDEN answer is an audit event `<subgraph>.permission.denied`, naming the field. The
 * request's own transaction rolled back, so the events are written in a fresh one; they join the
 * chain of the organization the field was asked about when the principal belongs to it.
 */
export async function recordDenials(
  ctx: SubgraphContext,
  subgraph: string,
  request: DeniedRequest,
): Promise<void> {
  const denied = request.errors.filter((e) => e.extensions?.code === ErrorCode.FORBIDDEN);
  if (!denied.length || !request.operation) return;
  const rootFields = new Map(
    request.operation.selectionSet.selections.flatMap((s) =>
      s.kind === Kind.FIELD ? [[s.alias?.value ?? s.name.value, s] as const] : [],
    ),
  );
  const scope = new Set(tenantIdsOf(ctx.principal));
  const type = request.operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const seen = new Set<string>();
  await ctx.tx.begin();
  try {
    for (const error of denied) {
      const root = rootFields.get(String(error.path?.[0] ?? ''));
      const field = root ? `${type}.${root.name.value}` : `${type}.${String(error.path?.[0] ?? '?')}`;
      const key = `${field}:${error.path?.join('.')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const asked = stringArgument(
        root?.arguments?.find((a) => a.name.value === 'organizationId')?.value,
        request.variables,
      );
      await recordAuditEvent(ctx.em, subgraph, {
        action: `${subgraph}.permission.denied`,
        outcome: 'DENIED',
        organizationId: asked && scope.has(asked) ? asked : null,
        actor: actorOf(ctx.principal, ctx.origin),
        target: { type: 'Field', id: field },
        metadata: { path: (error.path ?? []).join('.') },
      });
    }
    await ctx.tx.end(true);
  } catch (error) {
    await ctx.tx.end(false);
    throw error;
  }
}
