import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { runBulk } from './bulk-run';

const refusal = new ApiError({
  status: 422,
  code: 'upstream_rejected',
  message: 'Director refused the change',
  upstream: { vendor: 'director', code: '146', message: 'In use' },
});

describe('runBulk', () => {
  it('acts on every item with at most `concurrency` in flight, and reports each outcome in the order given', async () => {
    let inFlight = 0;
    let most = 0;
    const settled: number[] = [];
    const outcomes = await runBulk(
      [1, 2, 3, 4, 5, 6, 7],
      async (n) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, (8 - n) * 2));
        inFlight -= 1;
        if (n === 4) throw refusal;
      },
      { concurrency: 2, onSettled: (outcome) => settled.push(outcome.item) },
    );
    expect(most).toBe(2);
    expect(settled.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'refused', 'done', 'done', 'done']);
    expect(outcomes[3]).toEqual({ item: 4, status: 'refused', error: refusal });
  });

  it('stops once ScanDeck refuses in a way every later item would meet too (the session ended); the rest are skipped', async () => {
    const tried: number[] = [];
    const ended = new ApiError({ status: 401, code: 'unauthenticated', message: 'Sign in to continue.' });
    const outcomes = await runBulk(
      [1, 2, 3, 4],
      async (n) => {
        tried.push(n);
        if (n === 2) throw ended;
      },
      { concurrency: 1 },
    );
    expect(tried).toEqual([1, 2]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'refused', 'skipped', 'skipped']);
  });

  it('goes on after a vendor refusal of one item, even one the vendor sent as 403', async () => {
    const vendor403 = new ApiError({ status: 403, code: 'forbidden', message: 'no', upstream: { vendor: 'sci', status: 403 } });
    const outcomes = await runBulk(
      ['a', 'b'],
      async (id) => {
        if (id === 'a') throw vendor403;
      },
      { concurrency: 1 },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['refused', 'done']);
  });

  it('answers an empty list at once', async () => {
    expect(await runBulk([], async () => {}, { concurrency: 3 })).toEqual([]);
  });
});
