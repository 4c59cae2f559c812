import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    pipelining?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: AutocannonRequest[];
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

// autocannon ships no types: the options and result fields used here are declared above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Authorization header of one request; a distinct one per request unless fixed. */
  authorization?: (n: number) => string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

const PREFIX = randomBytes(6).toString('hex');
let counter = 0;
/** A distinct bearer token per request: no gateway may merge identical requests in flight. */
export const distinctBearer = (n: number) => `Bearer bench${PREFIX}${n.toString(36).padStart(10, '0')}`;

/** Runs autocannon against one URL for a fixed time. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', ...options.headers };
  const authorize = options.authorization;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        requests: [
          {
            method: 'POST',
            headers,
            body: options.body,
            setupRequest: (request) =>
              authorize
                ? { ...request, headers: { ...request.headers, authorization: authorize(counter++) } }
                : request,
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          requests: result.requests.total,
          requestsPerSecond: result.requests.total / result.duration,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          meanMs: result.latency.average,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          seconds,
        });
      },
    );
  });
}

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
