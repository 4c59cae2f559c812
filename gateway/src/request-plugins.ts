import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.ts';

/**
 * Every error carries the request id (also in the `x-request-id` header and on every log line of
 * the request), so that a user's report can be matched to the logs.
 */
export function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response, operationName, errors }) {
          const requestId = contextValue.origin.requestId;
          response.http.headers.set('x-request-id', requestId);
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId },
            }));
          }
          if (errors?.length) {
            contextValue.logger.warn(
              {
                operation: operationName,
                errors: errors.map((e) => ({ message: e.message, code: e.extensions?.code })),
              },
              'operation failed',
            );
          }
        },
      };
    },
  };
}
