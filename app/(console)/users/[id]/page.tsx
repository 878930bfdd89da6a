import type { Metadata } from 'next';
import { UserDetails } from '@/components/users/user-details';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <UserDetails id={decodeURIComponent(id)} />;
}
