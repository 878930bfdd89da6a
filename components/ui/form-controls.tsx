import type { ComponentProps } from 'react';
import { cn } from './cn';
import { control } from './input';

// Apart from input.tsx, which every list page loads for its search and filters: only forms and
// dialogs take these.

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(control, 'w-full py-2 font-mono', className)} {...props} />;
}

type CheckboxProps = Omit<ComponentProps<'input'>, 'type'> & { label: string; hint?: string };

/** A checkbox with its own label, so it is always findable by name. */
export function Checkbox({ label, hint, className, id, ...props }: CheckboxProps) {
  return (
    <label htmlFor={id} className={cn('flex items-start gap-2 text-sm text-slate-800', className)}>
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        {...props}
      />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}
