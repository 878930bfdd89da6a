import type { Metadata } from 'next';
import { OrganizationDetails } from '@/components/organizations/organization-details';

export const metadata: Metadata = { title: 'Organization' };

export default async function OrganizationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <OrganizationDetails id={decodeURIComponent(orgId)} />;
}
