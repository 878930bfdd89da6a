import type { Metadata } from 'next';
import { NewSecurityManager } from '@/components/security-managers/security-manager-pages';

export const metadata: Metadata = { title: 'New security manager' };

export default async function NewSecurityManagerPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <NewSecurityManager orgId={decodeURIComponent(orgId)} />;
}
