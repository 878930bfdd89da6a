import type { ComponentProps } from 'react';
import { cn } from './cn';

export const control =
  'block rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 ' +
  'focus:border-indigo-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500/30 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 ' +
  'aria-invalid:border-red-500 aria-invalid:focus:outline-red-500/30';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(control, 'h-9 w-full', className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(control, 'h-9 w-full pr-8', className)} {...props} />;
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
