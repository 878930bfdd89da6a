'use client';

import type { ComponentProps } from 'react';
import { useTimeZone } from '@/components/shell/time-zone';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/format/datetime-local';
import { Input } from './input';

type ZonedDateTimeInputProps = Omit<ComponentProps<'input'>, 'type' | 'value' | 'onChange'> & {
  /** the instant, epoch ms */
  value: number | undefined;
  /** `to` covers the whole minute typed, `from` starts at it */
  edge: 'from' | 'to';
  onValueChange: (value: number | undefined) => void;
};

/**
 * A minute typed and shown on the reader's clock (components/shell/time-zone.tsx), held as an
 * instant. The server cannot know the browser's zone, so until the browser says it the input
 * waits, empty.
 */
export function ZonedDateTimeInput({ value, edge, onValueChange, disabled, ...props }: ZonedDateTimeInputProps) {
  const zone = useTimeZone();
  return (
    <Input
      {...props}
      type="datetime-local"
      disabled={disabled || !zone}
      value={zone ? toDateTimeLocal(value, zone) : ''}
      onChange={(event) => {
        if (zone) onValueChange(fromDateTimeLocal(event.target.value, zone, edge));
      }}
    />
  );
}
