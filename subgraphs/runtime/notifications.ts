import pg from 'pg';
import type { Logger } from 'pino';

/**
 * LISTENs to a channel on a dedicated connection and calls `onNotify` for each notification,
 * reconnecting after errors. A wake-up only: whoever listens polls as well, which covers a gap.
 */
export function listenForNotifications(url: string, channel: string, logger: Logger, onNotify: () => void) {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', onNotify);
    next.on('error', (error) => {
      logger.warn({ err: error, channel }, 'notification listener lost; polling meanwhile');
      client = null;
      void next.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 5000).unref();
    });
    try {
      await next.connect();
      await next.query(`listen "${channel}"`);
      if (closed) await next.end();
      else client = next;
    } catch (error) {
      logger.warn({ err: error, channel }, 'notification listener could not connect; polling only');
      await next.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 5000).unref();
    }
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
