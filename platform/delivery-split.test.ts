import { describe, expect, it } from '@jest/globals';
import { sendSplittingRejects } from './delivery-split.ts';
import { UnavailableError } from './errors.ts';

describe('sendSplittingRejects', () => {
  it('isolates the refused items and delivers every other one, in order', async () => {
    const requests: number[][] = [];
    const poison = new Set([3, 7]);
    const outcome = await sendSplittingRejects(
      [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [8, 9],
      ],
      async (items) => {
        requests.push(items);
        if (items.some((item) => poison.has(item))) throw new Error('refused');
      },
    );
    expect(outcome.delivered).toEqual([0, 1, 2, 4, 5, 6, 8, 9]);
    expect(outcome.rejected.map((r) => r.item)).toEqual([3, 7]);
    expect(outcome.unsent).toEqual([]);
    // Two poison items among eight: a handful of extra requests, not one per item.
    expect(requests.length).toBeLessThanOrEqual(12);
  });

  it('stops at an outage without counting it against the items', async () => {
    let calls = 0;
    const outcome = await sendSplittingRejects([[1, 2], [3, 4], [5]], async () => {
      calls += 1;
      if (calls === 2) throw new UnavailableError('audit did not answer');
    });
    expect(outcome).toMatchObject({ delivered: [1, 2], rejected: [], unsent: [3, 4, 5] });
    expect(outcome.outage).toBeInstanceOf(UnavailableError);
    expect(calls).toBe(2);
  });
});
