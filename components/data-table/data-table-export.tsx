import { buttonClasses } from '@/components/ui/button';

/**
 * Downloads the list as CSV with the table's filters, sort and columns: every matching row, streamed
 * by the BFF. A plain link, so the browser saves the file as it arrives and no page script holds it.
 */
export function DataTableExport({ href, note }: { href: string; note?: string }) {
  return (
    <a href={href} download className={buttonClasses('secondary')} title={note ?? 'Every matching row, with the visible columns'}>
      Export CSV
    </a>
  );
}
