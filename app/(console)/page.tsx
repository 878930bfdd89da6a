import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OverviewBoard } from '@/components/overview/overview-board';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { getOverview } from '@/lib/server/overview';
import { requirePageSession } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Overview' };

/** The tiles' first answer, read on the server (the data layer, not the app's own /api over HTTP) and streamed in. */
async function OverviewTiles() {
  await requirePageSession();
  return <OverviewBoard initial={await getOverview()} />;
}

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Tenable.sc instances through Director, and Huawei Cloud HSS scan tasks. Each number opens the table behind it."
      />
      <Suspense fallback={<PageSkeleton label="Loading the overview" />}>
        <OverviewTiles />
      </Suspense>
    </>
  );
}
