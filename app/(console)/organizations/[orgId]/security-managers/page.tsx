import type { Metadata } from 'next';
import { SecurityManagersOverview } from '@/components/security-managers/security-manager-pages';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Security managers' };

export default async function SecurityManagersPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const orgId = decodeURIComponent((await params).orgId);
  const { columns } = await openListPage('security-managers', `/organizations/${encodeURIComponent(orgId)}/security-managers`, await searchParams);
  return <SecurityManagersOverview orgId={orgId} columns={columns} />;
}
