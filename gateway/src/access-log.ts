import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { deviceTypeOf } from '../../platform/device.ts';
import { organizationsTouched } from './access-organizations.ts';
import { fragmentsOf, rootFieldNodes } from './root-fields.ts';
import type { GatewayContext } from './context.ts';
import type { AuditEventInput } from '../../contracts/operations/audit/ingest-audit-events.ts';
import type { AccessOutboxWriter } from './access-outbox/access-outbox-writer.ts';

export interface AccessLogOptions {
  /** Where each request's events are written before its response goes out. */
  outbox: Pick<AccessOutboxWriter, 'append'>;
}

/**
 * Every operation a principal runs becomes an access event (operation, type, top-level fields,
 * outcome, actor with IP and device), in the log of each organization whose data it touched
 * (access-organizations.ts), and in no other: a person in two organizations shows neither what
 * they did in the other. One that touched none stays the person's own (no organization's log).
 * The events are written to the gateway's outbox in PostgreSQL before the response is sent (many
 * requests share one insert: access-outbox/), and delivered from there to the audit subgraph, so
 * neither a gateway crash nor an audit outage loses them.
 */
export function createAccessLog(options: AccessLogOptions) {
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({
          contextValue,
          operation,
          operationName,
          errors,
          schema,
          request,
          document,
        }) {
          const { principal, origin } = contextValue;
          if (principal.kind !== 'user' && principal.kind !== 'apiKey') return;
          // Root fields written inside fragments are the operation's as much as the others.
          const fragments = fragmentsOf(operation ? document : undefined);
          const fields = operation
            ? [...new Set([...rootFieldNodes(operation.selectionSet, fragments)].map((f) => f.name.value))]
            : [];
          const codes = (errors ?? []).map((e) => e.extensions?.code);
          const rootType = operation ? schema.getRootType(operation.operation) : undefined;
          const organizations = organizationsTouched(
            principal,
            rootType,
            operation,
            request.variables,
            fragments,
          );
          const event: Omit<AuditEventInput, 'id' | 'organizationId'> = {
            occurredAt: new Date().toISOString(),
            action: `gateway.access.${operation?.operation ?? 'unknown'}`,
            outcome: codes.includes('FORBIDDEN') ? 'DENIED' : codes.length ? 'FAILURE' : 'SUCCESS',
            actor: {
              type: principal.kind === 'user' ? 'USER' : 'API_KEY',
              id: principal.kind === 'user' ? principal.userId : principal.keyId,
              ip: origin.ip,
              userAgent: origin.userAgent,
              deviceType: deviceTypeOf(origin.userAgent),
            },
            target: { type: 'Operation', id: operationName ?? null },
            metadata: { fields, requestId: origin.requestId },
          };
          // Null: the person's own, which the audit subgraph keeps out of every organization's log.
          await options.outbox.append(
            (organizations.length ? organizations : [null]).map((organizationId) => ({
              id: randomUUID(),
              organizationId,
              ...event,
            })),
          );
        },
      };
    },
  };

  return { plugin };
}
