import { useId, type ReactNode } from 'react';

const none = <span className="text-slate-400">—</span>;

/** A titled card of label/value pairs, the layout of every detail page. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  // A generated id: a title with spaces would split aria-labelledby into several (missing) ids.
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <h2 id={headingId} className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <dl className="grid grid-cols-[minmax(10rem,max-content)_1fr] gap-x-6 gap-y-2.5 px-5 py-4 text-sm">{children}</dl>
    </section>
  );
}

/** One label/value pair; an absent value shows a dash, never an empty cell. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children ?? none}</dd>
    </>
  );
}
