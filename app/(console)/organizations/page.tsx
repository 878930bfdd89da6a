import type { Metadata } from 'next';
import { ListFirstPageBoundary } from '@/components/data-table/list-first-page';
import { parseListState, withColumnChoice } from '@/components/data-table/list-state';
import { organizationListConfig, organizationListParams } from '@/components/organizations/organization-list';
import { OrganizationsTable } from '@/components/organizations/organizations-table';
import { PageHeader } from '@/components/ui/page-header';
import { organizationKeys, organizationListSearch } from '@/lib/api/organizations';
import { listOrganizationsQuery } from '@/lib/schemas/organization';
import { listOrganizations } from '@/lib/server/director/organizations';
import { readListFirstPage } from '@/lib/server/list-first-page';
import { openListPage, searchParamsOf, type SearchParams } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The server opens the list with the reader's default view (when the URL holds no list state)
  // and kept columns, and reads its first page as the table in the browser would ask for it (a
  // slow one is not waited for; see readListFirstPage). No Suspense or loading.tsx: a boundary that
  // showed its fallback first holds the rows back some 300 ms more (React throttles such reveals).
  const search = await searchParams;
  const { columns } = await openListPage('organizations', '/organizations', search);
  return (
    <>
      <PageHeader title="Organizations" description="Organizations of every Tenable.sc instance linked to Director." />
      <OrganizationsFirstPage search={search} columns={columns} />
    </>
  );
}

async function OrganizationsFirstPage({ search, columns }: { search: SearchParams; columns: string[] | undefined }) {
  const params = organizationListParams(parseListState(searchParamsOf(search), withColumnChoice(organizationListConfig, columns)));
  const firstPage = await readListFirstPage(listOrganizationsQuery, organizationListSearch(params), listOrganizations);
  return (
    <ListFirstPageBoundary queryKey={organizationKeys.list(params)} firstPage={firstPage}>
      <OrganizationsTable columns={columns} />
    </ListFirstPageBoundary>
  );
}
