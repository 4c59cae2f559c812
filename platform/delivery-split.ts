import { isUnavailable } from './errors.ts';

export interface SplitDelivery<T> {
  /** Accepted by the receiver. */
  delivered: T[];
  /** Refused alone, each with the receiver's answer: the poison. */
  rejected: { item: T; error: unknown }[];
  /** Not sent: the receiver could not be reached (or the sender stopped). */
  unsent: T[];
  /** Why sending stopped early, when the receiver was unreachable. */
  outage?: unknown;
}

/**
 * Sends `chunks` in order. A chunk the receiver refuses is split in halves and each half sent
 * again, down to single items: one poison item costs about log2(n) extra requests and holds back
 * none of the others. The receiver being unreachable (down, timing out, answering
 * SERVICE_UNAVAILABLE) is no verdict on the items: sending stops and what is left is unsent.
 * Safe only towards a receiver that dedupes (a refused chunk may have been partly stored).
 */
export async function sendSplittingRejects<T>(
  chunks: T[][],
  send: (items: T[]) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<SplitDelivery<T>> {
  const result: SplitDelivery<T> = { delivered: [], rejected: [], unsent: [] };
  const pending = [...chunks].reverse();
  while (pending.length) {
    const items = pending.pop()!;
    if (result.outage !== undefined || stopped()) {
      result.unsent.push(...items);
      continue;
    }
    try {
      await send(items);
      result.delivered.push(...items);
    } catch (error) {
      if (isUnavailable(error)) {
        result.outage = error;
        result.unsent.push(...items);
      } else if (items.length === 1) {
        result.rejected.push({ item: items[0]!, error });
      } else {
        const half = Math.ceil(items.length / 2);
        pending.push(items.slice(half), items.slice(0, half));
      }
    }
  }
  return result;
}

/** An error's text for an operator, bounded (a receiver's answer may be long). */
export const errorText = (error: unknown, max = 2000): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, max);
