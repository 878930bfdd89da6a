import 'server-only';
import { largeListRows, releaseHeapAfterLoad } from './heap';
import { logger } from './log';
import type { ListResponse, Unreadable } from '@/lib/schemas/common';
import { createReadLog, summary, type ReadLog } from './read-log';
import type { RecordSource } from './json-records';
import { RowStore, stringBytes } from './row-store';

export type SortValue = string | number | boolean | null | undefined;

/** Both are called with a view of each row in turn (RowStore.visit): they read values and keep none of the row. */
export interface ListOptions<T> {
  /** texts a `q` search looks in */
  searchText: (row: T) => Array<string | number | undefined>;
  /** the value a `sort` key compares by */
  sortValue: (row: T, key: string) => SortValue;
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  q?: string | undefined;
}

/**
 * Reads one vendor record into a row; `undefined` when the record cannot be used (it is skipped
 * and counted). Fields and records it leaves out are noted in `log` (see read-log.ts).
 */
export type RecordReader<T> = (raw: unknown, log: ReadLog) => T | undefined;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function isMissing(v: SortValue): v is null | undefined | '' {
  return v === undefined || v === null || v === '';
}

/** The search text's blocks of 64 characters: each row is ~60-70 characters, so a hit's row is a step or two from its block's. */
const blockShift = 6;

/** Ends each row's text in the search text: a needle without it cannot match across two rows. */
const separator = '\u0000';

/** How many searched views (q × sort × order) one list keeps; each is one index array. */
const maxViews = 16;
/** Sort keys come from each route's enum; this only guards a caller that forgets to bound them. */
const maxOrders = 64;

/**
 * A whole Director list held for paging, with the work a query needs done once and kept:
 * records are read lazily in order (a first page reads only its rows), each sort key gets its
 * collation ranks and its order once, each row its lowercase search text once, and a searched
 * view is kept for the next page of the same search. Rows are held by column (row-store.ts);
 * a request makes only its page's rows.
 */
export class IndexedList<T> {
  private raw: RecordSource | undefined;
  private cursor = 0;
  private readonly rows = new RowStore<T>();
  private skipped = 0;
  private readonly log = createReadLog();
  private searchTexts: { text: string; starts: Uint32Array; blockRows: Uint32Array } | undefined;
  private searchBytes = 0;
  private readonly ranks = new Map<string, Float64Array>();
  private readonly orders = new Map<string, Uint32Array>();
  private readonly views = new Map<string, Uint32Array>();

  /**
   * Let go with the records once every one is read: a reader may hold what it reads with (the
   * scans' reader holds each SCI's name lookups, ~20 MiB at bench size) and is not needed again.
   */
  private read: RecordReader<T> | undefined;

  /** Takes `records` over: they are let go (the answer's text with them) once every one is read. */
  constructor(
    records: RecordSource | readonly unknown[],
    read: RecordReader<T>,
    private readonly options: ListOptions<T>,
  ) {
    this.read = read;
    this.raw = Array.isArray(records) ? { length: records.length, bytes: 0, at: (i) => records[i] } : (records as RecordSource);
    if (records.length === 0) {
      this.raw = undefined;
      this.read = undefined;
    }
  }

  /** A list of rows that are already read (tests, small lists). */
  static of<T>(rows: readonly T[], options: ListOptions<T>): IndexedList<T> {
    return new IndexedList<T>([...rows], (row) => row as T, options);
  }

  get isComplete(): boolean {
    return this.raw === undefined;
  }

  /** Records that could not be read and were left out. */
  get unreadableRecords(): number {
    return this.skipped;
  }

  /**
   * What could not be read of the records read so far (records skipped, fields left out, the
   * first reason); undefined when everything read was readable.
   */
  get unreadable(): Unreadable | undefined {
    return summary({ ...this.log, records: Math.max(this.log.records, this.skipped) });
  }

  /** Rows in the list; until every record is read, unread records count as rows. */
  get total(): number {
    return this.rows.length + (this.raw ? this.raw.length - this.cursor : 0);
  }

  /** Reads up to `budget` more records; true once every record is read (for reading behind an answer). */
  readSome(budget: number): boolean {
    this.readUntil(this.rows.length + budget);
    return this.isComplete;
  }

  /**
   * Bytes this list holds: its rows (see row-store.ts) and, until every record is read, the
   * answer's text with the unread rows estimated from those read so far.
   */
  rowBytes(): number {
    const raw = this.raw;
    if (!raw) return this.rows.bytes;
    const perRow = this.rows.length > 0 ? this.rows.bytes / this.rows.length : 0;
    return Math.ceil(this.rows.bytes + perRow * (raw.length - this.cursor)) + raw.bytes;
  }

  /** Bytes of the indexes built so far: sort ranks and orders, search texts, searched views. */
  indexBytes(): number {
    let bytes = this.searchBytes;
    for (const a of this.ranks.values()) bytes += a.byteLength;
    for (const a of this.orders.values()) bytes += a.byteLength;
    for (const a of this.views.values()) bytes += a.byteLength;
    return bytes;
  }

  private readUntil(count: number): void {
    const raw = this.raw;
    const read = this.read;
    if (!raw || !read) return;
    while (this.rows.length < count && this.cursor < raw.length) {
      const index = this.cursor;
      this.cursor += 1;
      let row: T | undefined;
      try {
        row = read(raw.at(index), this.log);
      } catch {
        // Not JSON, or a reader's own fault: the record is left out and counted like any unreadable one.
        row = undefined;
      }
      if (row === undefined) this.skipped += 1;
      else this.rows.push(row);
    }
    if (this.cursor >= raw.length) {
      this.raw = undefined;
      this.read = undefined;
      // Once per list load, without record contents: how much could not be read, and the first reason.
      const unreadable = this.unreadable;
      if (unreadable) {
        logger().warn(
          { event: 'unreadable', what: 'list', records: unreadable.records, fields: unreadable.fields, of: this.cursor, first: unreadable.example },
          `list: ${unreadable.records} record(s) skipped and ${unreadable.fields} field(s) left out of ${this.cursor}`,
        );
      }
    }
  }

  private readAll(): void {
    this.readUntil(Number.POSITIVE_INFINITY);
  }

  /** Every row, made one at a time (for counting, and for small lists filtered further by the caller). */
  *each(): Generator<T> {
    this.readAll();
    for (let i = 0; i < this.rows.length; i += 1) yield this.rows.get(i);
  }

  /**
   * One page of rows: searched, sorted, paged. With `keys`, each row holds only those keys (in that
   * order), read straight from their columns (RowStore.pick), as `pick` would narrow the whole row.
   */
  query(params: ListParams, keys?: readonly string[]): ListResponse<T> {
    const rowAt = keys ? (i: number) => this.rows.pick(i, keys) : (i: number) => this.rows.get(i);
    const needle = params.q?.trim().toLowerCase() || undefined;
    const start = (params.page - 1) * params.pageSize;
    const end = start + params.pageSize;
    if (!needle && !params.sort) {
      // The unsorted, unsearched view is the list itself: read only as far as this page needs.
      this.readUntil(end);
      const items: T[] = [];
      for (let i = start; i < Math.min(end, this.rows.length); i += 1) items.push(rowAt(i));
      return { items, total: this.total, page: params.page, pageSize: params.pageSize };
    }
    this.readAll();
    const view = this.view(needle, params.sort, params.order);
    const items: T[] = [];
    for (let i = start; i < Math.min(end, view.length); i += 1) items.push(rowAt(view[i]!));
    return { items, total: view.length, page: params.page, pageSize: params.pageSize };
  }

  private view(needle: string | undefined, sort: string | undefined, order: 'asc' | 'desc'): Uint32Array {
    if (!needle) return this.order(sort!, order);
    const key = `${needle}\u0000${sort ?? ''}\u0000${sort ? order : ''}`;
    const hit = this.views.get(key);
    if (hit) {
      // Least recently used goes first: re-inserting moves this view to the end.
      this.views.delete(key);
      this.views.set(key, hit);
      return hit;
    }
    const found = this.matching(needle);
    let view: Uint32Array;
    if (sort) {
      const isHit = new Uint8Array(this.rows.length);
      for (const row of found) isHit[row] = 1;
      view = new Uint32Array(found.length);
      let count = 0;
      for (const row of this.order(sort, order)) if (isHit[row]) view[count++] = row;
    } else {
      // Kept: a copy of its own size, not a view into the list-sized array it was found in.
      view = found.slice();
    }
    this.views.set(key, view);
    if (this.views.size > maxViews) this.views.delete(this.views.keys().next().value!);
    return view;
  }

  /**
   * The rows whose search texts hold `needle`, in list order: the needle is looked for in all rows'
   * texts at once, jumping to the next row after each hit, so a rare term costs one pass over the
   * text rather than a call per row, and the row of a hit is found from its block of the text.
   */
  private matching(needle: string): Uint32Array {
    const { text, starts, blockRows } = this.texts();
    const found = new Uint32Array(starts.length - 1);
    let count = 0;
    if (needle.includes(separator)) return found.subarray(0, 0);
    for (let at = text.indexOf(needle); at >= 0; ) {
      // The row holding `at`: from the row its block starts in, the last one starting at or before it.
      let row = blockRows[at >>> blockShift]!;
      while (starts[row + 1]! <= at) row += 1;
      found[count] = row;
      count += 1;
      at = text.indexOf(needle, starts[row + 1]!);
    }
    return found.subarray(0, count);
  }

  /**
   * Every row's lowercase search text in one string, each followed by a separator, where each
   * starts, and the row each block of `2 ** blockShift` characters starts in; made on the first
   * search and kept.
   */
  private texts(): { text: string; starts: Uint32Array; blockRows: Uint32Array } {
    if (!this.searchTexts) {
      this.readAll();
      const parts: string[] = [];
      this.rows.visit((row) => {
        parts.push(
          this.options
            .searchText(row)
            .filter((t) => t !== undefined)
            .join('\n')
            .toLowerCase(),
        );
      });
      const starts = new Uint32Array(parts.length + 1);
      for (let i = 0; i < parts.length; i += 1) starts[i + 1] = starts[i]! + parts[i]!.length + separator.length;
      const text = parts.join(separator) + separator;
      const blockRows = new Uint32Array((text.length >>> blockShift) + 1);
      for (let block = 0, row = 0; block < blockRows.length; block += 1) {
        while (starts[row + 1]! <= block << blockShift) row += 1;
        blockRows[block] = row;
      }
      this.searchTexts = { text, starts, blockRows };
      this.searchBytes = stringBytes(text) + starts.byteLength + blockRows.byteLength;
      this.afterLargeIndex();
    }
    return this.searchTexts;
  }

  /**
   * An index over a large list leaves its working arrays and strings behind (the rows' values, the
   * parts of the search text), which an idle server would keep resident: handed back once the
   * answer that asked for the index has gone (heap.ts).
   */
  private afterLargeIndex(): void {
    if (this.rows.length >= largeListRows) releaseHeapAfterLoad(200);
  }

  /** Ranks per row for one sort key: numbers as themselves, text by collation rank, missing as NaN. */
  private rankOf(key: string): Float64Array {
    const hit = this.ranks.get(key);
    if (hit) return hit;
    this.readAll();
    const values: SortValue[] = [];
    this.rows.visit((row) => {
      values.push(this.options.sortValue(row, key));
    });
    const ranks = new Float64Array(values.length);
    const isText = values.some((v) => typeof v === 'string' && v !== '');
    if (isText) {
      // Collation keys once: each distinct text is compared by the collator once per sort, not per row pair per request.
      const distinct = [...new Set(values.filter((v) => !isMissing(v)).map(String))].sort(collator.compare);
      const rankOfText = new Map<string, number>();
      let rank = 0;
      for (let i = 0; i < distinct.length; i += 1) {
        // Texts the collator calls equal (case, accents) share a rank, so ties fall back to list order.
        if (i > 0 && collator.compare(distinct[i - 1]!, distinct[i]!) !== 0) rank += 1;
        rankOfText.set(distinct[i]!, rank);
      }
      values.forEach((v, i) => {
        ranks[i] = isMissing(v) ? Number.NaN : rankOfText.get(String(v))!;
      });
    } else {
      values.forEach((v, i) => {
        ranks[i] = isMissing(v) ? Number.NaN : Number(v);
      });
    }
    this.ranks.set(key, ranks);
    return ranks;
  }

  /** Row indexes in `key` order, computed on the first ask and kept; rows without a value stay last both ways. */
  private order(key: string, order: 'asc' | 'desc'): Uint32Array {
    const id = `${key}\u0000${order}`;
    const hit = this.orders.get(id);
    if (hit) return hit;
    const ranks = this.rankOf(key);
    const present: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < ranks.length; i += 1) (Number.isNaN(ranks[i]) ? missing : present).push(i);
    const direction = order === 'desc' ? -1 : 1;
    present.sort((a, b) => direction * (ranks[a]! - ranks[b]!) || a - b);
    const result = Uint32Array.from(present.concat(missing));
    if (this.orders.size >= maxOrders) this.orders.delete(this.orders.keys().next().value!);
    this.orders.set(id, result);
    this.afterLargeIndex();
    return result;
  }
}

/** Search, sort and page a whole list on the server (Director has no server-side paging). */
export function applyListQuery<T>(rows: readonly T[], params: ListParams, options: ListOptions<T>): ListResponse<T> {
  return IndexedList.of(rows, options).query(params);
}

/** The row with only `keys` (a page's rows narrowed to the columns asked for); absent keys stay absent. */
export function pick<T extends object>(row: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (row as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
