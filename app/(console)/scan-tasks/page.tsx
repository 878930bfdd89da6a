import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ScanTasksTable } from '@/components/scan-tasks/scan-tasks-table';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Scan tasks' };

export default async function ScanTasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The table reads its state from the URL on the client; the server opens it with the reader's
  // default view when the URL holds no list state.
  await openListPage('scan-tasks', '/scan-tasks', await searchParams);
  return (
    <>
      <PageHeader title="Scan tasks" description="Huawei Cloud HSS vulnerability scans, scheduled and manual. Times are in your timezone." />
      <Suspense fallback={<PageSkeleton label="Loading scan tasks" />}>
        <ScanTasksTable />
      </Suspense>
    </>
  );
}
