import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work no client waits for (audit deliveries of the outbox relay and of the gateway's access log,
 * and what they cause downstream) is marked on the calls it makes, so that a subgraph can tell it
 * from the work of serving an operation: in its logs, and in the benchmark's per-request counts.
 */
export const BACKGROUND_HEADER = 'x-steward-background';

const background = new AsyncLocalStorage<true>();

/** Runs `work` as background work: the internal calls it makes carry the mark. */
export const inBackground = <T>(work: () => T): T => background.run(true, work);

export const isBackground = (): boolean => background.getStore() === true;
