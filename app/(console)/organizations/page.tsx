import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OrganizationsTable } from '@/components/organizations/organizations-table';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The table reads its state from the URL on the client; the server opens it with the reader's
  // default view (when the URL holds no list state) and kept columns.
  const { columns } = await openListPage('organizations', '/organizations', await searchParams);
  return (
    <>
      <PageHeader title="Organizations" description="Organizations of every Tenable.sc instance linked to Director." />
      <Suspense fallback={<PageSkeleton label="Loading organizations" />}>
        <OrganizationsTable columns={columns} />
      </Suspense>
    </>
  );
}
