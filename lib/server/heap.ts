import 'server-only';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { logger } from './log';

/** Rows from which reading a list, or building one of its indexes, leaves enough garbage to hand back at once. */
export const largeListRows = 10_000;
/** Shortest time between two collections asked for here: lists that finish together share one. */
const minGapMs = 1_000;
let collect: (() => void) | null | undefined;
let lastAt = Number.NEGATIVE_INFINITY;
let pending: NodeJS.Timeout | undefined;

/**
 * Hands the heap a whole list's load left behind back to the system. Reading 100,000 records
 * leaves ~200 MiB of dead answer text and parsed records that V8 collects only when it next
 * needs room, which on a server that then idles is never: the process kept ~500 MiB resident
 * to hold ~120 MiB of live data. One full collection after the list is read (the same `gc()`
 * that `node --expose-gc` offers, obtained the way test runners obtain it) takes tens of
 * milliseconds (about a hundred on a loaded 2-core machine), at most once per `minGapMs`; a load
 * that finishes sooner is collected at the gap's end. `delayMs` lets an answer being made go
 * first (an index built for a request, see list.ts).
 */
export function releaseHeapAfterLoad(delayMs = 0): void {
  if (pending) return;
  const wait = Math.max(delayMs, lastAt + minGapMs - Date.now());
  if (wait > 0) {
    pending = setTimeout(() => {
      pending = undefined;
      releaseHeapAfterLoad();
    }, wait).unref();
    return;
  }
  lastAt = Date.now();
  collect ??= obtainCollector();
  if (!collect) return;
  const start = performance.now();
  // A load's survivors sit scattered among its garbage: without compacting, the collection frees
  // the garbage but keeps nearly every page it was on (measured: 160 MiB used of 310 committed).
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    collect();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  logger().debug({ event: 'heap_released', ms: Math.round(performance.now() - start) }, 'heap released after a list load');
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
