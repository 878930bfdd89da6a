import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ScansTable } from '@/components/scans/scans-table';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Scans' };

export default async function ScansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The table reads its state from the URL on the client; the server opens it with the reader's
  // default view (when the URL holds no list state) and kept columns.
  const { columns } = await openListPage('scans', '/scans', await searchParams);
  return (
    <>
      <PageHeader title="Scans" description="Scans of every Tenable.sc instance linked to Director." />
      <Suspense fallback={<PageSkeleton label="Loading scans" />}>
        <ScansTable columns={columns} />
      </Suspense>
    </>
  );
}
