import type { Metadata } from 'next';
import { Suspense } from 'react';
import { UsersTable } from '@/components/users/users-table';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The table reads its state from the URL on the client; the server opens it with the reader's
  // default view (when the URL holds no list state) and kept columns.
  const { columns } = await openListPage('users', '/users', await searchParams);
  return (
    <>
      <PageHeader title="Users" description="Users of every Tenable.sc instance linked to Director, administrators included." />
      <Suspense fallback={<PageSkeleton label="Loading users" />}>
        <UsersTable columns={columns} />
      </Suspense>
    </>
  );
}
