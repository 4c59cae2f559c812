import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../platform/errors.ts';

/**
 * A result with no data because a dependency is down (PostgreSQL, a subgraph's database) is a
 * 503 with Retry-After, so clients and load balancers back off and retry; partial data stays 200.
 */
export function unavailablePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data || !errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
