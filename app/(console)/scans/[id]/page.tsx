import type { Metadata } from 'next';
import { ScanDetails } from '@/components/scans/scan-details';

export const metadata: Metadata = { title: 'Scan' };

export default async function ScanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScanDetails id={decodeURIComponent(id)} />;
}
