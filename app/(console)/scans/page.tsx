import type { Metadata } from 'next';
import { ListFirstPageBoundary } from '@/components/data-table/list-first-page';
import { parseListState, withColumnChoice } from '@/components/data-table/list-state';
import { scanListConfig, scanListParams } from '@/components/scans/scan-list';
import { ScansTable } from '@/components/scans/scans-table';
import { PageHeader } from '@/components/ui/page-header';
import { scanKeys, scanListSearch } from '@/lib/api/scans';
import { listScansQuery } from '@/lib/schemas/scan';
import { listScans } from '@/lib/server/director/scans';
import { readListFirstPage } from '@/lib/server/list-first-page';
import { openListPage, searchParamsOf, type SearchParams } from '@/lib/server/list-opening';
import { requirePageSession } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Scans' };

export default async function ScansPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The server opens the list with the reader's default view (when the URL holds no list state)
  // and kept columns, and reads its first page as the table in the browser would ask for it (a
  // slow one is not waited for; see readListFirstPage). No Suspense or loading.tsx: a boundary that
  // showed its fallback first holds the rows back some 300 ms more (React throttles such reveals).
  const search = await searchParams;
  const { columns } = await openListPage('scans', '/scans', search);
  return (
    <>
      <PageHeader title="Scans" description="Scans of every Tenable.sc instance linked to Director." />
      <ScansFirstPage search={search} columns={columns} />
    </>
  );
}

async function ScansFirstPage({ search, columns }: { search: SearchParams; columns: string[] | undefined }) {
  // An admin's table asks for each row's SCI too (a bulk deletion names it): the same key here.
  const { role } = await requirePageSession();
  const params = scanListParams(parseListState(searchParamsOf(search), withColumnChoice(scanListConfig, columns)), role === 'admin');
  const firstPage = await readListFirstPage(listScansQuery, scanListSearch(params), listScans);
  return (
    <ListFirstPageBoundary queryKey={scanKeys.list(params)} firstPage={firstPage}>
      <ScansTable columns={columns} />
    </ListFirstPageBoundary>
  );
}
