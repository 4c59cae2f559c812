/** How a job kind retries: exponential backoff from `delaySeconds`, capped, for at least `hours`. */
export interface RetryPolicy {
  /** The first retry waits at least this long; each next one twice as long. */
  delaySeconds: number;
  /** No wait between two tries is longer. */
  maxDelaySeconds: number;
  /** Tries go on at least this long before the job is a dead letter. */
  hours: number;
}

/** Production's policy: a minute, doubling up to an hour, for 25 hours (a deletion must outlast a day). */
export const DEFAULT_RETRY: RetryPolicy = { delaySeconds: 60, maxDelaySeconds: 3600, hours: 25 };

/**
 * The retries pg-boss must allow so that they span `hours`: pg-boss waits between
 * delay·2^n and delay·2^(n+1) before retry n (capped), so the shortest waits are summed.
 */
export function retryLimitOf(policy: RetryPolicy): number {
  const span = policy.hours * 3600;
  let total = 0;
  let retries = 0;
  while (total < span) {
    total += Math.min(policy.maxDelaySeconds, Math.max(policy.delaySeconds, 1) * 2 ** retries);
    retries += 1;
  }
  return Math.max(retries, 1);
}
