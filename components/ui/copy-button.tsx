'use client';

import { useEffect, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'failed';

/**
 * An icon button that puts `value` on the clipboard and says so beside it ("Copied"), in a polite
 * status region that screen readers announce. The clipboard needs a secure context; where it is
 * missing the button says it could not copy, and the value stays selectable where it is shown.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <span className="inline-flex items-center gap-1 align-middle">
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setOutcome('copied'),
            () => setOutcome('failed'),
          );
        }}
        className="rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M3.5 10.5h-1v-8h8v1" />
        </svg>
      </button>
      <span role="status" className="text-xs text-slate-600">
        {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Could not copy' : ''}
      </span>
    </span>
  );
}
