import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function ConsoleNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState title="Page not found" description="There is nothing at this address." action={<ButtonLink href="/scans">Back to scans</ButtonLink>} />
    </div>
  );
}
