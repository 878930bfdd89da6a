import { PageSkeleton } from '@/components/ui/skeleton';

export default function OrganizationLoading() {
  return <PageSkeleton label="Loading organization" />;
}
