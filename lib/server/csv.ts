import 'server-only';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * read past) as a formula; a leading apostrophe makes it plain text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null>): string {
  return cells.map(csvCell).join(',');
}

/**
 * Streams a header line and then one line per item, in batches, so a long file never sits in
 * memory whole; the source is closed when the download is cancelled or fails.
 */
export function csvStream<T>(
  header: readonly string[],
  items: Iterator<T, void, undefined> | AsyncIterator<T, void, undefined>,
  toLine: (item: T) => string,
  batchSize = 500,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>, lines: string[]) => {
    if (lines.length) controller.enqueue(encoder.encode(lines.map((l) => `${l}\r\n`).join('')));
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = [];
      if (!headerSent) {
        lines.push(header.map(csvCell).join(','));
        headerSent = true;
      }
      try {
        for (let i = 0; i < batchSize; i++) {
          const next = await items.next();
          if (next.done) {
            flush(controller, lines);
            controller.close();
            return;
          }
          lines.push(toLine(next.value));
        }
      } catch (err) {
        await items.return?.(undefined);
        controller.error(err);
        return;
      }
      flush(controller, lines);
    },
    async cancel() {
      await items.return?.(undefined);
    },
  });
}

/** The headers of a CSV download; the stamp keeps two exports of a day apart. */
export function csvDownloadHeaders(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="scandeck-${name}-${stamp}.csv"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...extra,
  };
}
