import { PageSkeleton } from '@/components/ui/skeleton';

export default function UserLoading() {
  return <PageSkeleton label="Loading user" />;
}
