import { PageSkeleton } from '@/components/ui/skeleton';

export default function OrganizationsLoading() {
  return <PageSkeleton label="Loading organizations" />;
}
