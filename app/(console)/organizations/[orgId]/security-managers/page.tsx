import type { Metadata } from 'next';
import { SecurityManagersOverview } from '@/components/security-managers/security-manager-pages';

export const metadata: Metadata = { title: 'Security managers' };

export default async function SecurityManagersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <SecurityManagersOverview orgId={decodeURIComponent(orgId)} />;
}
