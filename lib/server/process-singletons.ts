import 'server-only';

/**
 * The one home of process-wide state (caches, stores, the request-context storage...). Next may load a
 * module once per route bundle, and proxy.ts and instrumentation.ts in bundles of their own, so a
 * module-level variable would give each bundle its own copy: a cache one route invalidates would stay
 * stale in another, and two connections would write one SQLite file. Each singleton is therefore one
 * slot on globalThis under `Symbol.for('scandeck.<name>')`, which is also what a test's simulated
 * restart drops (sessions.test.ts).
 */
type Slot = { value: unknown; source?: unknown; close?: () => unknown };
const slots = globalThis as unknown as Record<symbol, Slot | undefined>;
const keyOf = (name: string) => Symbol.for(`scandeck.${name}`);

/** The process's one `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = keyOf(name);
  if (!slots[key]) slots[key] = { value: create() };
  return slots[key].value as T;
}

/**
 * The process's one `name` made from `source` (a file, a URL, a block of settings): when the source
 * changes (a test's new environment), a new one replaces it and `close` ends the old one.
 */
export function processSingletonOf<T, S>(name: string, source: S, create: (source: S) => T, close?: (old: T) => unknown): T {
  const key = keyOf(name);
  const slot = slots[key];
  if (slot && slot.source === source) return slot.value as T;
  if (slot) void slot.close?.();
  const value = create(source);
  slots[key] = { value, source, ...(close ? { close: () => close(value) } : {}) };
  return value;
}

/** Forgets the process's `name`, so the next use makes it afresh; answers what was held, for closing. */
export function dropProcessSingleton<T>(name: string): T | undefined {
  const key = keyOf(name);
  const slot = slots[key];
  delete slots[key];
  return slot?.value as T | undefined;
}
