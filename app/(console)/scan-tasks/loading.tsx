import { PageSkeleton } from '@/components/ui/skeleton';

export default function ScanTasksLoading() {
  return <PageSkeleton label="Loading page" />;
}
