import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, trace, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  /** Exports what is buffered; call on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing, on when an OTLP endpoint is configured: a tracer provider for this
 * process (Apollo's gateway then records its planning and fetch spans), exporting over OTLP/HTTP,
 * with W3C trace context propagated to subgraphs.
 */
export function startTracing(service: string, endpoint: string | undefined): Tracing | null {
  if (!endpoint) return null;
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': service }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), {
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** Adds the active trace context to outgoing headers (a no-op when tracing is off). */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
}

/** Runs `work` in a span that continues the caller's trace (from the incoming headers). */
export function withIncomingSpan<T>(
  name: string,
  headers: IncomingHttpHeaders,
  work: () => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  return trace.getTracer('steward').startActiveSpan(name, {}, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
