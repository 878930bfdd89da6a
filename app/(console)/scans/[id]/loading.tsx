import { PageSkeleton } from '@/components/ui/skeleton';

export default function ScanLoading() {
  return <PageSkeleton label="Loading scan" />;
}
