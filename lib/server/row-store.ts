import 'server-only';

/** New distinct values a column keeps for sharing; past this its values are mostly unique (ids, emails) and stored as they come. */
const maxSharedPerColumn = 4_096;

/** V8's size of a flat string: a 16-byte header, one byte a character (two beyond Latin-1), rounded up to 8. */
export function stringBytes(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the point
  const perChar = /[^\u0000-\u00ff]/.test(s) ? 2 : 1;
  return 16 + Math.ceil((s.length * perChar) / 8) * 8;
}

/**
 * The rows of a cached list held by column rather than as one object each, with equal values held
 * once. 100,000 user rows as objects cost ~90 MiB (a property array, a shape and ~9 strings per
 * row); by column, with repeated names, cities, countries, SCIs and organizations shared, about a
 * third of that. A row is made again as a plain object when a page needs it.
 *
 * Shared objects (an SCI, an owner) are frozen: a row handed out must be read, not changed.
 * `bytes` counts what is kept: 8 bytes a slot, each string and object once (objects by their JSON
 * size twice over, a conservative stand-in for V8's layout).
 */
export class RowStore<T> {
  private readonly keys: string[] = [];
  private readonly columnOf = new Map<string, number>();
  private readonly columns: unknown[][] = [];
  private readonly shared: Array<Map<string, unknown>> = [];
  length = 0;
  bytes = 0;

  push(row: T): void {
    const index = this.length;
    for (const [key, value] of Object.entries(row as object)) {
      if (value === undefined) continue;
      let c = this.columnOf.get(key);
      if (c === undefined) {
        c = this.keys.length;
        this.keys.push(key);
        this.columnOf.set(key, c);
        // Dense from the start (a sparse array would turn into a dictionary).
        this.columns.push(new Array(index).fill(undefined));
        this.shared.push(new Map());
        this.bytes += 8 * index;
      }
      this.columns[c]!.push(this.keep(c, value));
    }
    for (const column of this.columns) if (column.length === index) column.push(undefined);
    this.length += 1;
    this.bytes += 8 * this.columns.length;
  }

  /** Row `index` as a plain object, with the keys it was stored with (absent ones stay absent). */
  get(index: number): T {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < this.columns.length; c += 1) {
      const value = this.columns[c]![index];
      if (value !== undefined) row[this.keys[c]!] = value;
    }
    return row as T;
  }

  /**
   * Row `index` with only `keys`, in that order (absent ones stay absent), as `pick(get(index), keys)`
   * answers it but reading only those columns: a page sorted by a column draws its rows from all over
   * the list, and each column read is a cache miss; the whole row made and then narrowed was also a
   * second object per row, one with keys added one by one that JSON.stringify walks slowly. A page of
   * 25 rows in a random order cost about twice one in list order that way (CPU profile of 16 concurrent
   * sorted pages; a micro-benchmark of 100,000 rows: ~200 → ~90 µs a page, serialised).
   */
  pick(index: number, keys: readonly string[]): T {
    const row: Record<string, unknown> = {};
    for (const key of keys) {
      const c = this.columnOf.get(key);
      if (c === undefined) continue;
      const value = this.columns[c]![index];
      if (value !== undefined) row[key] = value;
    }
    return row as T;
  }

  /**
   * Calls `fn` with every row in order, through one object that reads the row at hand: building an
   * index over 100,000 rows made 100,000 objects (~20 MiB of garbage) only to read one or two values
   * of each. The object moves on after `fn` returns, so `fn` reads values and keeps none of the row.
   */
  visit(fn: (row: T, index: number) => void): void {
    let at = 0;
    const view = {};
    this.columns.forEach((column, c) => {
      Object.defineProperty(view, this.keys[c]!, { get: () => column[at], enumerable: true });
    });
    for (; at < this.length; at += 1) fn(view as T, at);
  }

  private keep(column: number, value: unknown): unknown {
    if (typeof value === 'number') {
      // Small integers live in the slot; other numbers are boxed.
      if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 31) this.bytes += 16;
      return value;
    }
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return value;
    const shared = this.shared[column]!;
    const key = typeof value === 'string' ? value : `\u0000${JSON.stringify(value)}`;
    const hit = shared.get(key);
    if (hit !== undefined) return hit;
    const kept = typeof value === 'string' ? value : Object.freeze(value);
    this.bytes += typeof value === 'string' ? stringBytes(value) : 32 + 2 * key.length;
    if (shared.size < maxSharedPerColumn) {
      shared.set(key, kept);
      // The sharing map's own entry (its key is the value itself for strings).
      this.bytes += 48 + (typeof value === 'string' ? 0 : stringBytes(key));
    }
    return kept;
  }
}
