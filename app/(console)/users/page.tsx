import type { Metadata } from 'next';
import { ListFirstPageBoundary } from '@/components/data-table/list-first-page';
import { parseListState, withColumnChoice } from '@/components/data-table/list-state';
import { userListConfig, userListParams } from '@/components/users/user-list';
import { UsersTable } from '@/components/users/users-table';
import { PageHeader } from '@/components/ui/page-header';
import { userKeys, userListSearch } from '@/lib/api/users';
import { listUsersQuery } from '@/lib/schemas/user';
import { listUsers } from '@/lib/server/director/users';
import { readListFirstPage } from '@/lib/server/list-first-page';
import { openListPage, searchParamsOf, type SearchParams } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The server opens the list with the reader's default view (when the URL holds no list state)
  // and kept columns, and reads its first page as the table in the browser would ask for it (a
  // slow one is not waited for; see readListFirstPage). No Suspense or loading.tsx: a boundary that
  // showed its fallback first holds the rows back some 300 ms more (React throttles such reveals).
  const search = await searchParams;
  const { columns } = await openListPage('users', '/users', search);
  return (
    <>
      <PageHeader title="Users" description="Users of every Tenable.sc instance linked to Director, administrators included." />
      <UsersFirstPage search={search} columns={columns} />
    </>
  );
}

async function UsersFirstPage({ search, columns }: { search: SearchParams; columns: string[] | undefined }) {
  const params = userListParams(parseListState(searchParamsOf(search), withColumnChoice(userListConfig, columns)));
  const firstPage = await readListFirstPage(listUsersQuery, userListSearch(params), listUsers);
  return (
    <ListFirstPageBoundary queryKey={userKeys.list(params)} firstPage={firstPage}>
      <UsersTable columns={columns} />
    </ListFirstPageBoundary>
  );
}
