import { PageSkeleton } from '@/components/ui/skeleton';

export default function UsersLoading() {
  return <PageSkeleton label="Loading users" />;
}
