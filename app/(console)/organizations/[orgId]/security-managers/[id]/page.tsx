import type { Metadata } from 'next';
import { SecurityManagerDetails } from '@/components/security-managers/security-manager-details';

export const metadata: Metadata = { title: 'Security manager' };

export default async function SecurityManagerPage({ params }: { params: Promise<{ orgId: string; id: string }> }) {
  const { orgId, id } = await params;
  return <SecurityManagerDetails orgId={decodeURIComponent(orgId)} id={decodeURIComponent(id)} />;
}
