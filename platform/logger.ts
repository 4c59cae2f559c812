import { createHash } from 'node:crypto';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { trace } from '@opentelemetry/api';

/** What logs do with personal data: hashed (still correlatable, not readable), dropped, or kept. */
export type PiiMode = 'hash' | 'drop' | 'keep';

export interface LoggerOptions {
  level?: LevelWithSilent;
  pii?: PiiMode;
  /** Where lines go (stdout by default); tests capture them. */
  destination?: DestinationStream;
}

// Keys whose values identify a person. Secrets are never logged at all, whatever the mode.
const PII_KEYS = /^(email|ip|userAgent|user_agent|remoteAddress|x-forwarded-for)$/i;
const SECRET_KEYS = /^(password|newPassword|currentPassword|token|secret|authorization|cookie)$/i;

const hashOf = (value: string) => `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

function scrub(value: unknown, pii: PiiMode, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, pii, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEYS.test(key)) out[key] = '[redacted]';
    else if (PII_KEYS.test(key) && pii !== 'keep') {
      if (pii === 'hash' && typeof inner === 'string') out[key] = hashOf(inner);
    } else out[key] = scrub(inner, pii, depth + 1);
  }
  return out;
}

/** The active span's ids, for every log line: none when tracing is off or outside a request. */
function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !trace.isSpanContextValid(span)) return {};
  return { trace_id: span.traceId, span_id: span.spanId };
}

/** JSON logs (pino) with personal data hashed or dropped and secrets redacted. */
export function createLogger(name: string, options: LoggerOptions | LevelWithSilent = {}): Logger {
  const {
    level = 'info',
    pii = 'hash',
    destination,
  } = typeof options === 'string' ? { level: options } : options;
  return pino(
    {
      name,
      level,
      // The trace of the request a line belongs to, to find its spans (when tracing is on).
      mixin: traceIds,
      formatters: { log: (object) => scrub(object, pii) as Record<string, unknown> },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination,
  );
}
