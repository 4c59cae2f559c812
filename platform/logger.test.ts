import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createLogger, type PiiMode } from './logger.ts';

function logged(pii: PiiMode, object: Record<string, unknown>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  createLogger('test', { pii, destination }).info(object, 'event');
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('log redaction', () => {
  const event = {
    user: { email: 'ada@example.test', ip: '203.0.113.9', id: 'u1' },
    token: 'abc',
    code: 'FORBIDDEN',
  };

  it('hashes personal data by default and always redacts secrets', () => {
    const line = logged('hash', event);
    expect(line.user).toEqual({
      email: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
      ip: expect.stringMatching(/^sha256:/),
      id: 'u1',
    });
    expect(line).toMatchObject({ token: '[redacted]', code: 'FORBIDDEN' });
    expect(JSON.stringify(line)).not.toContain('ada@example.test');
  });

  it('drops personal data when told to, keeps it when told to', () => {
    expect(logged('drop', event).user).toEqual({ id: 'u1' });
    expect(logged('keep', event).user).toMatchObject({ email: 'ada@example.test' });
    expect(logged('keep', event).token).toBe('[redacted]');
  });
});

describe('trace ids on log lines', () => {
  it('a line logged inside a span carries its trace and span ids; outside, none', () => {
    // What startTracing registers: a provider with its async context manager.
    new NodeTracerProvider().register();
    try {
      const lines: Record<string, unknown>[] = [];
      const destination = new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      });
      const logger = createLogger('test', { destination });
      const ids = trace.getTracer('test').startActiveSpan('request', (span) => {
        logger.info('inside');
        span.end();
        return span.spanContext();
      });
      logger.info('outside');
      expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
      expect(lines[1]).not.toHaveProperty('trace_id');
    } finally {
      trace.disable();
      context.disable();
      propagation.disable();
    }
  });
});
