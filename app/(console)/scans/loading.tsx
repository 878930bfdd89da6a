import { PageSkeleton } from '@/components/ui/skeleton';

export default function ScansLoading() {
  return <PageSkeleton label="Loading scans" />;
}
