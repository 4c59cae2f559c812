import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Logger } from 'pino';
import { inBackground } from '../../platform/background.ts';
import { deviceTypeOf } from '../../platform/device.ts';
import type { InternalClient } from '../../platform/internal-client.ts';
import { organizationsTouched } from './access-organizations.ts';
import type { GatewayContext } from './context.ts';
import {
  ingestAuditEventsOperation,
  type AuditEventInput,
} from '../../contracts/operations/audit/ingest-audit-events.ts';

/** Events kept while the audit subgraph cannot take them; beyond, the newest are dropped. */
const MAX_QUEUED = 10_000;

export interface AccessLogOptions {
  client: InternalClient;
  logger: Logger;
  /** Flush when this many are waiting… */
  batchSize?: number;
  /** …or this long after the first one. */
  flushIntervalMs?: number;
}

/**
 * Every operation a principal runs becomes an access event (operation, type, top-level fields,
 * outcome, actor with IP and device), in the log of each organization whose data it touched
 * (access-organizations.ts), and in no other: a person in two organizations shows neither what
 * they did in the other. One that touched none stays the person's own (no organization's log).
 * Events are queued in memory and sent to the audit subgraph
 * in batches, off the request's path; a failed batch is retried with the next one. Unlike the
 * subgraphs' outboxes they are not durable: a gateway killed mid-batch loses at most one batch
 * of access reads, never an administrative action (those are recorded in the same transaction).
 */
export function createAccessLog(options: AccessLogOptions) {
  const batchSize = options.batchSize ?? 200;
  const interval = options.flushIntervalMs ?? 250;
  let queue: AuditEventInput[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sending = false;
  let flushing: Promise<void> = Promise.resolve();

  const later = () => (timer ??= setTimeout(() => void flush(), interval));

  /**
   * Sends the next batch unless one is on its way: one batch in flight at a time, so an audit
   * subgraph that is down costs a retry per interval, not work on every request.
   */
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (sending || !queue.length) return flushing;
    const events = queue.splice(0, 500);
    sending = true;
    flushing = inBackground(() =>
      options.client(
        ingestAuditEventsOperation,
        { events },
        { requestId: randomUUID(), ip: null, userAgent: null },
      ),
    ).then(
      () => {
        sending = false;
        if (queue.length >= batchSize) void flush();
        else if (queue.length) later();
      },
      (error: unknown) => {
        sending = false;
        options.logger.warn({ err: error, events: events.length }, 'access events not delivered; will retry');
        queue = [...events, ...queue].slice(0, MAX_QUEUED);
        later();
      },
    );
    return flushing;
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, errors, schema, request }) {
          const { principal, origin } = contextValue;
          if (principal.kind !== 'user' && principal.kind !== 'apiKey') return;
          const fields = (operation?.selectionSet.selections ?? []).flatMap((s) =>
            s.kind === Kind.FIELD ? [s.name.value] : [],
          );
          const codes = (errors ?? []).map((e) => e.extensions?.code);
          const rootType = operation ? schema.getRootType(operation.operation) : undefined;
          const organizations = organizationsTouched(principal, rootType, operation, request.variables);
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
          for (const organizationId of organizations.length ? organizations : [null]) {
            if (queue.length < MAX_QUEUED) queue.push({ id: randomUUID(), organizationId, ...event });
          }
          if (queue.length >= batchSize) void flush();
          else later();
        },
      };
    },
  };

  return {
    plugin,
    /** Sends what is queued; on shutdown. */
    async close(): Promise<void> {
      for (;;) {
        await flushing;
        const left = queue.length;
        if (!left) break;
        await flush();
        // Not delivered (the audit subgraph is gone): what is left is lost with the process.
        if (queue.length >= left) break;
      }
      clearTimeout(timer);
    },
  };
}
