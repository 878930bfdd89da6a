import type { Metadata } from 'next';
import { ListFirstPageBoundary } from '@/components/data-table/list-first-page';
import { parseListState } from '@/components/data-table/list-state';
import { scanTaskListConfig, scanTaskListParams } from '@/components/scan-tasks/scan-task-list';
import { ScanTasksTable } from '@/components/scan-tasks/scan-tasks-table';
import { PageHeader } from '@/components/ui/page-header';
import { scanTaskKeys, scanTaskListSearch } from '@/lib/api/scan-tasks';
import { listScanTasksQuery } from '@/lib/schemas/scan-task';
import { listScanTasks } from '@/lib/server/hss/scan-tasks';
import { readListFirstPage } from '@/lib/server/list-first-page';
import { openListPage, searchParamsOf, type SearchParams } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Scan tasks' };

export default async function ScanTasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The server opens the list with the reader's default view when the URL holds no list state, and
  // reads its first page as the table in the browser would ask for it: through the same budgeted
  // path as the API route, so one HSS answer serves both within its freshness window (a slow one is
  // not waited for; see readListFirstPage). No Suspense or loading.tsx: a boundary that showed its
  // fallback first holds the rows back some 300 ms more (React throttles such reveals).
  const search = await searchParams;
  await openListPage('scan-tasks', '/scan-tasks', search);
  return (
    <>
      <PageHeader title="Scan tasks" description="Huawei Cloud HSS vulnerability scans, scheduled and manual. Times are in your timezone." />
      <ScanTasksFirstPage search={search} />
    </>
  );
}

async function ScanTasksFirstPage({ search }: { search: SearchParams }) {
  const params = scanTaskListParams(parseListState(searchParamsOf(search), scanTaskListConfig));
  // An answer past HSS's freshness window is drawn at once, with its age; the table's own request on
  // mounting brings the new one, asked for behind it (see budgeted).
  const firstPage = await readListFirstPage(listScanTasksQuery, scanTaskListSearch(params), (query) => listScanTasks(query, { staleFirst: true }));
  return (
    <ListFirstPageBoundary queryKey={scanTaskKeys.list(params)} firstPage={firstPage}>
      <ScanTasksTable />
    </ListFirstPageBoundary>
  );
}
