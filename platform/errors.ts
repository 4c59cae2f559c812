import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** The codes a client may see in `extensions.code`; anything else is masked. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo and graphql-js produce for malformed operations; safe to pass through. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * A coded error for a GraphQL result. It never sets an HTTP status: a subgraph answering 401 or
 * 429 would look like a transport failure to the gateway; requests refused before GraphQL runs
 * use the HTTP layer's own HttpError instead.
 */
export function stewardError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Extension keys a client may see; anything else (a subgraph's URL or raw response) is dropped. */
const PUBLIC_EXTENSIONS = new Set([
  'code',
  'reason',
  'field',
  'requestId',
  'retryAfter',
  'limit',
  'allowedRegions',
  // A sign-in that needs its second factor (sign-in-challenge), an operation that needs a step-up.
  'challenge',
  'challengeExpiresAt',
  'factors',
  // Which organization's sign-in policy refused a request.
  'organizationId',
]);

export const notFound = (what = 'Object') => stewardError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = () => stewardError(ErrorCode.FORBIDDEN, 'Not authorised');
export const badInput = (message: string, field?: string) =>
  stewardError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/** Seconds a client is told to wait (`Retry-After`) when a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** A dependency (PostgreSQL, another subgraph) cannot be reached now; the request may be retried. */
export class UnavailableError extends Error {}

// PostgreSQL refusing or dropping connections (class 08, shutdown, too many connections), and the
// socket errors of a server that is not there.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** Whether `error` or one it was caused by (a driver error a GraphQLError wraps) passes `test`. */
function someCause(error: unknown, test: (error: object) => boolean, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (test(error)) return true;
  const { cause, originalError, errors } = error as {
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(errors) && errors.some((e) => someCause(e, test, depth + 1))) return true;
  return someCause(cause, test, depth + 1) || someCause(originalError, test, depth + 1);
}

const codeOf = (error: object) => {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : null;
};

/** Whether an error, or one it was caused by, means a dependency is unreachable (not a bug). */
export function isUnavailable(error: unknown): boolean {
  return someCause(error, (e) => {
    if (e instanceof UnavailableError) return true;
    const code = codeOf(e);
    if (code && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET.has(code))) return true;
    const { message } = e as { message?: unknown };
    return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
  });
}

// PostgreSQL ending a transaction because another one got in its way: a serialization failure, a
// deadlock, a lock it could not take, a unique key taken meanwhile. The request's transaction was
// rolled back as a whole; tried again, it sees the other one's result.
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '55P03', '23505']);

/** Whether an error, or one it was caused by, is a conflict with a concurrent transaction. */
export const isConcurrencyConflict = (error: unknown): boolean =>
  someCause(error, (e) => CONFLICT_SQLSTATES.has(codeOf(e) ?? ''));

/** What a client is told of a concurrency conflict (logged in full, like an internal error). */
export const CONCURRENT_CHANGE = 'CONCURRENT_CHANGE';
const CONFLICT_RETRY_AFTER_SECONDS = 1;

export const unavailable = () =>
  stewardError(ErrorCode.SERVICE_UNAVAILABLE, 'Service temporarily unavailable; retry later', {
    retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
  });

/**
 * Stored data that fails its integrity check (a sealed value that does not authenticate under its
 * key and place: tampered, moved or truncated). Not masked like other internal errors: the client
 * learns that the data is damaged, not garbage, and the operator has the log line and the metric.
 */
export const DATA_INTEGRITY = 'DATA_INTEGRITY';
export const dataIntegrityError = () =>
  stewardError(ErrorCode.INTERNAL_SERVER_ERROR, 'Stored data failed its integrity check', {
    reason: DATA_INTEGRITY,
  });
const isDataIntegrity = (extensions: GraphQLFormattedError['extensions']) =>
  extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR && extensions.reason === DATA_INTEGRITY;

const isPublic = (code: unknown) =>
  typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;

/**
 * Apollo `formatError`: errors that carry a known code pass through with their public extensions
 * only; a dependency that cannot be reached (PostgreSQL down) is SERVICE_UNAVAILABLE; a conflict
 * with a concurrent transaction is CONFLICT (reason CONCURRENT_CHANGE, to retry); anything
 * else (a driver error, a bug) reaches the client as a bare INTERNAL_SERVER_ERROR with no message,
 * SQL or stack. errorLogPlugin logs both in full.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (!isPublic(formatted.extensions?.code) && isUnavailable(error)) {
    return {
      message: 'Service temporarily unavailable; retry later',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS },
    };
  }
  if (!isPublic(formatted.extensions?.code) && isConcurrencyConflict(error)) {
    return {
      message: 'A concurrent change conflicted with this request; it was not applied, retry it',
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: ErrorCode.CONFLICT,
        reason: CONCURRENT_CHANGE,
        retryAfter: CONFLICT_RETRY_AFTER_SECONDS,
      },
    };
  }
  if (isPublic(formatted.extensions?.code)) {
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)),
    );
    return { ...formatted, extensions };
  }
  if (isDataIntegrity(formatted.extensions)) {
    return {
      message: 'Stored data failed its integrity check',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: DATA_INTEGRITY },
    };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Logs every error a client will see masked, in full, on the request's logger (with its id). */
export function errorLogPlugin<
  TContext extends BaseContext & { logger: Logger },
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isPublic(error.extensions?.code)) continue;
            contextValue.logger.error(
              { err: error.originalError ?? error, path: error.path },
              'unexpected error',
            );
          }
        },
      };
    },
  };
}
