import { PageSkeleton } from '@/components/ui/skeleton';

export default function ConsoleLoading() {
  return <PageSkeleton label="Loading page" />;
}
