import 'server-only';
import type { ListResponse } from '@/lib/schemas/common';

export type SortValue = string | number | boolean | null | undefined;

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

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function isMissing(v: SortValue): v is null | undefined | '' {
  return v === undefined || v === null || v === '';
}

function compare(a: Exclude<SortValue, null | undefined>, b: Exclude<SortValue, null | undefined>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** Search, sort and page a whole list on the server (Director has no server-side paging). */
export function applyListQuery<T>(rows: readonly T[], params: ListParams, options: ListOptions<T>): ListResponse<T> {
  const needle = params.q?.trim().toLowerCase();
  let result = needle
    ? rows.filter((row) =>
        options.searchText(row).some((text) => text !== undefined && String(text).toLowerCase().includes(needle)),
      )
    : [...rows];
  const sortKey = params.sort;
  if (sortKey) {
    const direction = params.order === 'desc' ? -1 : 1;
    const keyed = result.map((row, index) => ({ row, index, value: options.sortValue(row, sortKey) }));
    keyed.sort((x, y) => {
      const a = x.value;
      const b = y.value;
      // Rows without a value stay at the end in both directions.
      if (isMissing(a) || isMissing(b)) return isMissing(a) === isMissing(b) ? x.index - y.index : isMissing(a) ? 1 : -1;
      return direction * compare(a, b) || x.index - y.index;
    });
    result = keyed.map((k) => k.row);
  }
  const start = (params.page - 1) * params.pageSize;
  return {
    items: result.slice(start, start + params.pageSize),
    total: result.length,
    page: params.page,
    pageSize: params.pageSize,
  };
}
