'use client';

import { Select } from '@/components/ui/input';

type FilterOption = { value: string; label: string };

type DataTableFilterProps = {
  label: string;
  /** what the empty choice says, e.g. "All SCIs" */
  allLabel: string;
  value: string;
  options: FilterOption[];
  isLoading?: boolean;
  onChange: (value: string | undefined) => void;
};

export function DataTableFilter({ label, allLabel, value, options, isLoading, onChange }: DataTableFilterProps) {
  const hasValue = value !== '' && !options.some((option) => option.value === value);
  return (
    <Select aria-label={label} className="w-48" value={value} onChange={(event) => onChange(event.target.value || undefined)}>
      <option value="">{isLoading ? 'Loading…' : allLabel}</option>
      {hasValue ? <option value={value}>{`${label} ${value}`}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
