import type { ReactNode } from 'react';
import { cn } from './cn';

export type FieldControlProps = {
  id: string;
  'aria-required'?: true;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
};

type FormFieldProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  isRequired?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/** Label, control, hint and error wired together by id, so screen readers and tests find each. */
export function FormField({ id, label, hint, error, isRequired, className, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control: FieldControlProps = { id };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (error) control['aria-invalid'] = true;
  if (isRequired) control['aria-required'] = true;
  return (
    <div className={cn('space-y-1', className)}>
      <div className="flex items-baseline gap-0.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {isRequired ? (
          <span className="text-sm text-red-600" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children(control)}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A titled group of fields (a fieldset, so the legend names the group). */
export function FieldGroup({ legend, description, children }: { legend: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {description ? <p className="mb-4 text-xs text-slate-500">{description}</p> : null}
      <div className="grid gap-4 md:grid-cols-2">{children}</div>
    </fieldset>
  );
}
