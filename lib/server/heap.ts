import 'server-only';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { logger } from './log';
import { quietForMs } from './request-id';

/** Rows from which reading a list, or building one of its indexes, leaves enough garbage to hand back at once. */
export const largeListRows = 10_000;

export interface HeapReleaseOptions {
  /** a full, compacting collection; null where none can be had */
  collect: () => void;
  /** how long the server has had no request begin or end */
  quietForMs: () => number;
  now?: () => number;
  /** shortest time between two collections: lists that finish together share one */
  minGapMs?: number;
  /** the quiet a collection waits for: it stops the whole process */
  quietNeededMs?: number;
  /** longest a collection waits for that quiet, once due, before it runs anyway */
  maxDeferMs?: number;
}

/**
 * Hands the heap a whole list's load left behind back to the system. Reading 100,000 records
 * leaves ~200 MiB of dead answer text and parsed records that V8 collects only when it next
 * needs room, which on a server that then idles is never: the process kept ~500 MiB resident
 * to hold ~120 MiB of live data. One full, compacting collection after the list is read (the
 * same `gc()` that `node --expose-gc` offers, obtained the way test runners obtain it) does it.
 *
 * That collection stops the process for 0.2–0.3 s at bench size on this 2-core machine, so it
 * waits until the server idles: no request begun or ended for `quietNeededMs` (a second). A page
 * navigation or flip made just then used to wait behind it; a shorter wait (300 ms) still put it
 * in the path of a reader turning pages every half second. Memory matters most on an idle server,
 * and a busy one has V8's own (incremental) collections; under steady traffic it still runs, at
 * most `maxDeferMs` late. `delayMs` lets an answer being made go first (an index built for a
 * request, see list.ts).
 */
export function createHeapRelease(options: HeapReleaseOptions): (delayMs?: number) => void {
  const now = options.now ?? Date.now;
  const minGapMs = options.minGapMs ?? 1_000;
  const quietNeededMs = options.quietNeededMs ?? 1_000;
  const maxDeferMs = options.maxDeferMs ?? 30_000;
  let lastAt = Number.NEGATIVE_INFINITY;
  let dueSince: number | undefined;
  let pending: NodeJS.Timeout | undefined;

  const release = (delayMs = 0): void => {
    if (pending) return;
    const t = now();
    let wait = Math.max(delayMs, lastAt + minGapMs - t);
    if (wait <= 0) {
      dueSince ??= t;
      const quiet = options.quietForMs();
      if (quiet < quietNeededMs && t - dueSince < maxDeferMs) wait = Math.max(quietNeededMs - quiet, 10);
    }
    if (wait > 0) {
      pending = setTimeout(() => {
        pending = undefined;
        release();
      }, wait).unref();
      return;
    }
    lastAt = t;
    const deferredMs = dueSince === undefined ? 0 : t - dueSince;
    dueSince = undefined;
    const start = performance.now();
    options.collect();
    logger().debug({ event: 'heap_released', ms: Math.round(performance.now() - start), deferredMs }, 'heap released after a list load');
  };
  return release;
}

/** undefined: not made yet; null: this runtime lends no collector */
let release: ((delayMs?: number) => void) | null | undefined;

/** See createHeapRelease: the process's one, with V8's collector and this server's requests. */
export function releaseHeapAfterLoad(delayMs = 0): void {
  if (release === undefined) {
    const gc = obtainCollector();
    release =
      gc &&
      createHeapRelease({
        quietForMs,
        collect: () => {
          // A load's survivors sit scattered among its garbage: without compacting, the collection frees
          // the garbage but keeps nearly every page it was on (measured: 160 MiB used of 310 committed).
          setFlagsFromString('--compact-on-every-full-gc');
          try {
            gc();
          } finally {
            setFlagsFromString('--no-compact-on-every-full-gc');
          }
        },
      });
  }
  release?.(delayMs);
}

function obtainCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
