import pg from 'pg';
import type { Logger } from 'pino';
import { PRINCIPAL_CHANNEL, decodeChange } from '../../platform/principal-changes.ts';
import type { PrincipalCache } from './principal-cache.ts';

/**
 * LISTENs for principal changes announced by the subgraphs and drops the cached principals they
 * concern. The cache is used only while connected: a missed notification must never leave a
 * revoked session working, so on any connection loss it is emptied and bypassed until back.
 */
export function listenForPrincipalChanges(databaseUrl: string, cache: PrincipalCache, logger: Logger) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (attempt: number): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      const change = message.payload ? decodeChange(message.payload) : null;
      if (change) cache.invalidate(change);
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'principal change feed lost; caching off until it is back');
      lost(next);
    });
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${PRINCIPAL_CHANNEL}`);
      if (stopped) return void (await next.end());
      client = next;
      cache.enable();
    } catch (error) {
      logger.warn({ err: error, attempt }, 'cannot listen for principal changes; caching off');
      await next.end().catch(() => undefined);
      schedule(attempt + 1);
    }
  };

  const lost = (which: pg.Client) => {
    if (client !== which) return;
    client = null;
    cache.disable();
    if (!stopped) schedule(0);
  };

  const schedule = (attempt: number) => {
    if (stopped) return;
    retry = setTimeout(() => void connect(attempt), Math.min(30_000, 250 * 2 ** attempt));
    retry.unref();
  };

  const ready = connect(0);
  return {
    ready,
    async close(): Promise<void> {
      stopped = true;
      clearTimeout(retry);
      cache.disable();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
