import { cn } from './cn';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('motion-safe:animate-pulse rounded bg-slate-200', className)} />;
}

/** A page-sized placeholder that says what is loading, for route-level loading states. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-4">
      <Skeleton className="h-7 w-56" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders with no identity but their place.
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
      <span className="sr-only">{label}</span>
    </div>
  );
}
