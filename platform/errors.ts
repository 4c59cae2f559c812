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
]);

export const notFound = (what = 'Object') => stewardError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = () => stewardError(ErrorCode.FORBIDDEN, 'Not authorised');
export const badInput = (message: string, field?: string) =>
  stewardError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

const isPublic = (code: unknown) =>
  typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;

/**
 * Apollo `formatError`: errors that carry a known code pass through with their public extensions
 * only; anything else (a driver error, a bug) reaches the client as a bare INTERNAL_SERVER_ERROR
 * with no message, SQL or stack. errorLogPlugin logs those in full.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isPublic(formatted.extensions?.code)) {
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)),
    );
    return { ...formatted, extensions };
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
