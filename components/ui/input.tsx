import type { ComponentProps } from 'react';
import { cn } from './cn';

/** Full width unless the caller sets a width, since class order cannot decide between two widths. */
export function widthOf(className: string | undefined): string {
  return className && /(^|\s)w-/.test(className) ? '' : 'w-full';
}

export const control =
  'block rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 ' +
  'focus:border-indigo-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500/30 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 ' +
  'aria-invalid:border-red-500 aria-invalid:focus:outline-red-500/30';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(control, widthOf(className), 'h-9', className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(control, widthOf(className), 'h-9 pr-8', className)} {...props} />;
}

export type Option = { value: string; label: string };

/** The <option> list of a Select, from value/label pairs. */
export function Options({ options }: { options: readonly Option[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
