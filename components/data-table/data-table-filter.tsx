'use client';

import { cn } from '@/components/ui/cn';
import { Options, Select, type Option } from '@/components/ui/input';

type DataTableFilterProps = {
  label: string;
  /** what the empty choice says, e.g. "All SCIs" */
  allLabel: string;
  value: string;
  options: Option[];
  isLoading?: boolean;
  /** a width other than the default, for choices with long labels */
  className?: string;
  onChange: (value: string | undefined) => void;
};

export function DataTableFilter({ label, allLabel, value, options, isLoading, className, onChange }: DataTableFilterProps) {
  const hasValue = value !== '' && !options.some((option) => option.value === value);
  return (
    <Select aria-label={label} className={cn('w-48', className)} value={value} onChange={(event) => onChange(event.target.value || undefined)}>
      <option value="">{isLoading ? 'Loading…' : allLabel}</option>
      {hasValue ? <option value={value}>{`${label} ${value}`}</option> : null}
      <Options options={options} />
    </Select>
  );
}
