import type { Unreadable } from '@/lib/schemas/common';

/**
 * A quiet line under a list or above a record when part of the vendor's answer could not be read:
 * how much, and the first reason. The rest of the answer is shown as usual.
 */
export function UnreadableNotice({ unreadable, what }: { unreadable: Unreadable | undefined; what: string }) {
  if (!unreadable) return null;
  const parts = [
    unreadable.records > 0 ? `${unreadable.records} ${what}${unreadable.records === 1 ? '' : 's'} skipped` : undefined,
    unreadable.fields > 0 ? `${unreadable.fields} field${unreadable.fields === 1 ? '' : 's'} not shown` : undefined,
  ].filter(Boolean);
  return (
    <p data-testid="unreadable-notice" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-600">
      Part of the vendor&apos;s answer could not be read ({parts.join(', ')}); first: <span className="font-mono">{unreadable.example}</span>
    </p>
  );
}
