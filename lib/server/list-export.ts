import 'server-only';
import { csvDownloadHeaders, csvLine, csvStream } from './csv';

/** What a list column holds: text and numbers as they are, flags as yes/no, references by name. */
export type ExportValue = string | number | boolean | null | undefined | object;

export interface ExportColumn<R> {
  /** the CSV header: the table's column id, so a file and a saved view name columns alike */
  id: string;
  value: (row: R) => ExportValue;
}

export interface ExportSource<R> {
  /** one page of the list with the current filters and sort (1-based) */
  page: (page: number, pageSize: number) => Promise<{ items: R[]; total: number }>;
  pageSize: number;
  /** rows one export writes at most; the file says when the list had more */
  maxRows: number;
  /** asked before each page after the first: why the export stops here, or undefined to go on */
  stopBefore?: () => string | undefined | Promise<string | undefined>;
  /** a later page's error that ends the file with a note (e.g. a call budget), rather than a broken download */
  stopOn?: (err: unknown) => string | undefined;
}

/** One cell's text: references by name (or id), lists joined with "; ", flags as yes/no. */
export function exportCell(value: ExportValue): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    return value
      .map((v: ExportValue) => exportCell(v))
      .filter((v) => v !== null && v !== '')
      .join('; ');
  }
  const ref = value as Record<string, unknown>;
  for (const key of ['name', 'username', 'uuid', 'id']) {
    const v = ref[key];
    if (typeof v === 'string' || typeof v === 'number') return v;
  }
  return null;
}

/** A line after the rows saying why the file is not the whole list; "#" keeps it out of any formula. */
function noteLine(text: string): string {
  return csvLine([`# ${text}`]);
}

/**
 * Answers a list as a CSV download of every row matching the current filters, in the current sort,
 * with the given columns. The first page is read before answering, so a refused or unreachable
 * vendor gets the usual error envelope (its code, message and request id); the rest streams page by
 * page, at most `maxRows` rows, and the file ends with a note when it is not the whole list.
 */
export async function listCsvResponse<R>(name: string, columns: readonly ExportColumn<R>[], source: ExportSource<R>): Promise<Response> {
  const first = await source.page(1, source.pageSize);
  const planned = Math.min(first.total, source.maxRows);

  async function* lines(): AsyncGenerator<string, void, undefined> {
    let sent = 0;
    let page = 1;
    let items = first.items;
    for (;;) {
      for (const row of items) {
        if (sent >= planned) break;
        yield csvLine(columns.map((c) => exportCell(c.value(row))));
        sent += 1;
      }
      if (sent >= planned || items.length < source.pageSize) break;
      const reason = await source.stopBefore?.();
      if (reason) {
        yield noteLine(`ScanDeck stopped after ${sent} of ${first.total} rows: ${reason}`);
        return;
      }
      page += 1;
      try {
        items = (await source.page(page, source.pageSize)).items;
      } catch (err) {
        const why = source.stopOn?.(err);
        if (!why) throw err;
        yield noteLine(`ScanDeck stopped after ${sent} of ${first.total} rows: ${why}`);
        return;
      }
      if (items.length === 0) break;
    }
    if (first.total > planned) {
      yield noteLine(`ScanDeck exported the first ${planned} of ${first.total} rows (at most ${source.maxRows} in one file); narrow the filter for the rest.`);
    }
  }

  const header = columns.map((c) => c.id);
  return new Response(
    csvStream(header, lines(), (line) => line),
    { headers: csvDownloadHeaders(name, { 'X-Export-Total': String(first.total), 'X-Export-Rows': String(planned) }) },
  );
}

/** Columns of a table as export columns, id first: the row's own field of each id unless `derived` says how the table shows it. */
export function fieldColumns<R extends object>(ids: readonly string[], derived: Record<string, (row: R) => ExportValue> = {}): ExportColumn<R>[] {
  return [...new Set(['id', ...ids])].map((id) => ({ id, value: derived[id] ?? ((row: R) => (row as Record<string, ExportValue>)[id]) }));
}

/** Rows one export of a Director or SCI list writes at most: those lists are held whole in memory already. */
export const maxCachedListExportRows = 100_000;

/**
 * A cached list (Director's, an SCI's) read page by page from its cache: the export costs no vendor
 * call the table has not made, and `refresh` is never honoured, so an export cannot force one.
 */
export function cachedListSource<Q extends object, R>(
  list: (query: Q & { page: number; pageSize: number }) => Promise<{ items: R[]; total: number }>,
  query: Q,
): ExportSource<R> {
  return {
    page: (page, pageSize) => list({ ...query, refresh: false, page, pageSize }),
    pageSize: 1_000,
    maxRows: maxCachedListExportRows,
  };
}
