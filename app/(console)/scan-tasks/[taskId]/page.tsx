import type { Metadata } from 'next';
import { ScanTaskStatus } from '@/components/scan-tasks/scan-task-status';

export const metadata: Metadata = { title: 'Scan task' };

export default async function ScanTaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const { taskId } = await params;
  return <ScanTaskStatus taskId={decodeURIComponent(taskId)} />;
}
