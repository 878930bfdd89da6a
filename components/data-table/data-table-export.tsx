import { buttonClasses } from '@/components/ui/button';

/**
 * Downloads the whole list (every page, the table's filters, search, sort and columns) as CSV, streamed
 * by the list's export route. A plain link: no script, and the browser shows the download itself.
 */
export function DataTableExport({ href }: { href: string }) {
  return (
    <a href={href} download className={buttonClasses('secondary')}>
      Export CSV
    </a>
  );
}
