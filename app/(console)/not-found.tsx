import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default function ConsoleNotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title="Nothing here" description="There is nothing at this address." action={<ButtonLink href="/scans">Back to scans</ButtonLink>} />
      </div>
    </>
  );
}
