import type { BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import type { Principal, RequestOrigin } from '../../platform/principal.ts';

export interface GatewayContext extends BaseContext {
  principal: Principal;
  origin: RequestOrigin;
  /** The gateway's logger with this request's id on every line. */
  logger: Logger;
}
