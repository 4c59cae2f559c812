import { serviceKeysEnv } from './support/service-keys-env.ts';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startNodeProcess } from './support/node-process.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

interface ExportedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** OTLP's SpanKind: 2 SERVER, 3 CLIENT. */
  kind: number;
  attributes: Record<string, string | number | undefined>;
}

type OtlpSpan = Omit<ExportedSpan, 'service' | 'attributes'> & {
  attributes?: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
};

/** A minimal OTLP/HTTP (JSON) receiver: what a collector would be sent. */
function otlpReceiver() {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: OtlpSpan[] }[];
        }[];
      };
      for (const resource of body.resourceSpans) {
        const service =
          resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans) {
            const attributes = Object.fromEntries(
              (span.attributes ?? []).map((a) => [
                a.key,
                a.value.stringValue ??
                  (a.value.intValue === undefined ? undefined : Number(a.value.intValue)),
              ]),
            );
            spans.push({ ...span, service, attributes });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return { server, spans };
}

describe('OpenTelemetry tracing, when an OTLP endpoint is configured', () => {
  let stack: TestStack;
  const receiver = otlpReceiver();
  let endpoint: string;
  beforeAll(async () => {
    stack = await startTestStack();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    receiver.server.close();
    await stack?.close();
  });

  it('exports the gateway’s and a subgraph’s spans of one request in one trace', async () => {
    const env = testEnvironment();
    const urls = Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, s.url]));
    const lifecycle = await startNodeProcess('subgraphs/lifecycle/src/main.ts', {
      DATABASE_URL: env.databaseUrl,
      STEWARD_DB_SECRET: env.dbSecret,
      STEWARD_INTERNAL_PUBLIC_KEY: env.publicKeyPem,
      ...serviceKeysEnv('lifecycle', urls),
      // The stack's lifecycle works through the shared job queue; this one serves requests only.
      STEWARD_JOB_WORKER: 'off',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
    const gateway = await startNodeProcess('gateway/src/main.ts', {
      STEWARD_INTERNAL_PRIVATE_KEY: env.privateKeyPem,
      IDENTITY_URL: urls.identity,
      TENANCY_URL: urls.tenancy,
      AUDIT_URL: urls.audit,
      LIFECYCLE_URL: lifecycle.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });

    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataMap { name } }' }),
    });
    expect(response.status).toBe(200);
    // Shutdown flushes what each process buffered.
    expect(await gateway.stop()).toBe(0);
    expect(await lifecycle.stop()).toBe(0);

    const gatewaySpans = receiver.spans.filter((s) => s.service === 'steward-gateway');
    const subgraphSpans = receiver.spans.filter((s) => s.service === 'steward-lifecycle');
    expect(gatewaySpans.length).toBeGreaterThan(0);
    expect(subgraphSpans.length).toBeGreaterThan(0);
    const traces = new Set(gatewaySpans.map((s) => s.traceId));
    expect(subgraphSpans.some((s) => traces.has(s.traceId))).toBe(true);

    // HTTP semantic conventions: the gateway's SERVER span, its CLIENT span calling lifecycle,
    // and lifecycle's SERVER span as that call's child.
    const server = gatewaySpans.find((s) => s.kind === 2 && s.name === 'POST /graphql');
    expect(server?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
    });
    const lifecycleUrl = new URL(lifecycle.url);
    const client = gatewaySpans.find((s) => s.kind === 3 && s.attributes['url.full'] === lifecycle.url);
    expect(client?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'server.address': lifecycleUrl.hostname,
      'server.port': Number(lifecycleUrl.port),
      'http.response.status_code': 200,
    });
    expect(client?.traceId).toBe(server?.traceId);
    const served = subgraphSpans.find((s) => s.kind === 2 && s.parentSpanId === client?.spanId);
    expect(served?.name).toBe('POST /graphql');
    expect(served?.attributes['http.response.status_code']).toBe(200);

    // PostgreSQL's queries of that request (its transaction and tenant settings at least) are
    // CLIENT spans in the same trace, named by the database semantic conventions.
    const queries = subgraphSpans.filter(
      (s) => s.kind === 3 && s.attributes['db.system'] === 'postgresql' && s.traceId === server?.traceId,
    );
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.some((s) => /set_config|BEGIN|select/i.test(String(s.attributes['db.statement'])))).toBe(
      true,
    );
  });
});
