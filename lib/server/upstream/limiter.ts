import 'server-only';

/**
 * A cap on calls in flight with a FIFO queue. A waiting call leaves the queue when its signal
 * aborts, so a queued call never outlives its deadline.
 */
export function createLimiter(max: number) {
  let active = 0;
  const waiting: Array<{ grant: () => void }> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next.grant();
    else active -= 1;
  };
  const grantOrPass = (signal: AbortSignal, resolve: (r: () => void) => void, reject: (e: unknown) => void) => {
    // A deadline that passed in the same tick as the grant: hand the slot on rather than start a doomed call.
    if (signal.aborted) {
      release();
      reject(signal.reason);
    } else resolve(once(release));
  };

  return {
    get active(): number {
      return active;
    },
    get queued(): number {
      return waiting.length;
    },
    /** resolves with a release function once a slot is free; rejects with the signal's reason */
    acquire(signal: AbortSignal): Promise<() => void> {
      if (signal.aborted) return Promise.reject(signal.reason);
      if (active < max) {
        active += 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal.removeEventListener('abort', onAbort);
            grantOrPass(signal, resolve, reject);
          },
        };
        const onAbort = () => {
          const at = waiting.indexOf(entry);
          if (at >= 0) waiting.splice(at, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.push(entry);
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
