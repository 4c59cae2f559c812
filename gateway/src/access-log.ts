import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Logger } from 'pino';
import { inBackground } from '../../subgraphs/kit/background.ts';
import { deviceTypeOf } from '../../subgraphs/kit/device.ts';
import type { InternalClient } from '../../subgraphs/kit/internal-client.ts';
import type { GatewayContext } from './context.ts';

const INGEST = /* GraphQL */ `
  mutation IngestAccessEvents($events: [AuditEventInput!]!) {
    ingestAuditEvents(events: $events)
  }
`;

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
 * outcome, actor with IP and device). Events are queued in memory and sent to the audit subgraph
 * in batches, off the request's path; a failed batch is retried with the next one. Unlike the
 * subgraphs' outboxes they are not durable: a gateway killed mid-batch loses at most one batch
 * of access reads, never an administrative action (those are recorded in the same transaction).
 */
export function createAccessLog(options: AccessLogOptions) {
  const batchSize = options.batchSize ?? 200;
  const interval = options.flushIntervalMs ?? 250;
  let queue: Record<string, unknown>[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const events = queue.slice(0, 500);
    queue = queue.slice(events.length);
    if (!events.length) return flushing;
    flushing = flushing
      .then(() =>
        inBackground(() =>
          options.client('audit', INGEST, { events }, { requestId: randomUUID(), ip: null, userAgent: null }),
        ),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          options.logger.warn(
            { err: error, events: events.length },
            'access events not delivered; will retry',
          );
          queue = [...events, ...queue].slice(0, 10_000);
        },
      );
    return flushing;
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, errors }) {
          const { principal, origin } = contextValue;
          if (principal.kind !== 'user' && principal.kind !== 'apiKey') return;
          const fields = (operation?.selectionSet.selections ?? []).flatMap((s) =>
            s.kind === Kind.FIELD ? [s.name.value] : [],
          );
          const codes = (errors ?? []).map((e) => e.extensions?.code);
          queue.push({
            id: randomUUID(),
            occurredAt: new Date().toISOString(),
            organizationId: principal.kind === 'apiKey' ? principal.organizationId : null,
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
          });
          if (queue.length >= batchSize) void flush();
          else timer ??= setTimeout(() => void flush(), interval);
        },
      };
    },
  };

  return {
    plugin,
    /** Sends what is queued; on shutdown. */
    async close(): Promise<void> {
      await flush();
    },
  };
}
