import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { context, propagation, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
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
 * with W3C trace context propagated to subgraphs, and PostgreSQL's queries as CLIENT spans of the
 * request that made them (OpenTelemetry's `pg` instrumentation).
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
  instrumentPostgres(provider);
  return { shutdown: () => provider.shutdown() };
}

/**
 * The `pg` instrumentation patches pg's Client and pg-pool's Pool when `pg` is required (its
 * require hook; ESM imports bypass it). `pg` is CommonJS: the modules that import it (MikroORM,
 * ours) share the one instance that this require loads, so patching it here covers every query.
 * Only queries inside a request's span are recorded, not the pools' idle housekeeping.
 */
function instrumentPostgres(provider: NodeTracerProvider): void {
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new PgInstrumentation({ requireParentSpan: true })],
  });
  createRequire(import.meta.url)('pg');
}

/** Adds the active trace context to outgoing headers (a no-op when tracing is off). */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
}

/**
 * Serves one HTTP request in a SERVER span, as OpenTelemetry's HTTP semantic conventions name it
 * (`POST /graphql`, with http.request.method, url.path, http.route and, once the response is
 * done, http.response.status_code), continuing the caller's trace from its headers.
 */
export function withServerSpan<T>(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  work: () => Promise<T>,
): Promise<T> {
  const method = req.method ?? 'GET';
  const parent = propagation.extract(context.active(), req.headers);
  const attributes = {
    'http.request.method': method,
    'url.path': route,
    'url.scheme': 'http',
    'http.route': route,
    'network.protocol.version': req.httpVersion,
    ...(req.headers['user-agent'] ? { 'user_agent.original': req.headers['user-agent'] } : {}),
  };
  return trace
    .getTracer('steward')
    .startActiveSpan(`${method} ${route}`, { kind: SpanKind.SERVER, attributes }, parent, (span) => {
      res.once('close', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      return work();
    });
}

/**
 * One call to another service in a CLIENT span (`POST`, with url.full, server.address,
 * server.port and http.response.status_code); the trace context it sends is that span's.
 */
export async function withClientSpan<T extends { status: number }>(
  method: string,
  url: string,
  headers: Record<string, string>,
  call: () => Promise<T>,
): Promise<T> {
  const target = new URL(url);
  const attributes = {
    'http.request.method': method,
    'url.full': target.toString(),
    'server.address': target.hostname,
    'server.port': Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
  };
  return trace
    .getTracer('steward')
    .startActiveSpan(method, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      injectTraceContext({ set: (name, value) => (headers[name] = value) });
      try {
        const reply = await call();
        span.setAttribute('http.response.status_code', reply.status);
        if (reply.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return reply;
      } catch (error) {
        span.setAttribute('error.type', (error as Error).name);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
}
