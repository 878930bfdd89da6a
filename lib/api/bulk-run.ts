import { isApiError } from './api-error';

/** What became of one item of a bulk action: done, refused (with the error), or not tried after the run stopped. */
export type BulkOutcome<T> = { item: T; status: 'done' } | { item: T; status: 'refused'; error: unknown } | { item: T; status: 'skipped' };

/**
 * ScanDeck's own refusals after which no further item can succeed: the session ended, the role or
 * CSRF check failed, or the audit trail cannot be written (so nothing is changed). Trying the rest
 * would only repeat the refusal item after item. A vendor's refusal is about its one item.
 */
const runStoppers = new Set(['unauthenticated', 'forbidden', 'csrf', 'audit_unavailable', 'store_unavailable']);

export function isRunStopper(error: unknown): boolean {
  return isApiError(error) && error.upstream === undefined && runStoppers.has(error.code);
}

type RunOptions<T> = {
  /** requests in flight at once */
  concurrency: number;
  /** after each item, in the order they finish */
  onSettled?: (outcome: BulkOutcome<T>) => void;
};

/**
 * Acts on each item, at most `concurrency` at a time, and never rejects: every item ends with an
 * outcome, in the order given. A refusal that would refuse every later item too stops the run;
 * the items not started are reported as skipped.
 */
export async function runBulk<T>(
  items: readonly T[],
  act: (item: T) => Promise<unknown>,
  { concurrency, onSettled }: RunOptions<T>,
): Promise<Array<BulkOutcome<T>>> {
  const outcomes: Array<BulkOutcome<T> | undefined> = items.map(() => undefined);
  let next = 0;
  let isStopped = false;
  const settle = (index: number, outcome: BulkOutcome<T>) => {
    outcomes[index] = outcome;
    onSettled?.(outcome);
  };
  const worker = async () => {
    while (!isStopped && next < items.length) {
      const index = next++;
      const item = items[index] as T;
      try {
        await act(item);
        settle(index, { item, status: 'done' });
      } catch (error) {
        if (isRunStopper(error)) isStopped = true;
        settle(index, { item, status: 'refused', error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return outcomes.map((outcome, index) => outcome ?? { item: items[index] as T, status: 'skipped' });
}
