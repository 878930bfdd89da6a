import type { Metadata } from 'next';
import { EditSecurityManager } from '@/components/security-managers/security-manager-pages';

export const metadata: Metadata = { title: 'Edit security manager' };

export default async function EditSecurityManagerPage({ params }: { params: Promise<{ orgId: string; id: string }> }) {
  const { orgId, id } = await params;
  return <EditSecurityManager orgId={decodeURIComponent(orgId)} id={decodeURIComponent(id)} />;
}
