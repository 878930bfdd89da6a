'use client';

import { Popover } from 'radix-ui';
import { type ReactNode, useRef } from 'react';
import { cn } from '@/components/ui/cn';
import type { PopoverPanelProps } from './lazy-popover';

type ToolbarPopoverProps = PopoverPanelProps & { label: string; className?: string; children: ReactNode };

/**
 * Radix's popover beside a button the list page rendered before this code arrived (so not a
 * Popover.Trigger): opening puts focus inside; Escape closes it and gives focus back to the button;
 * a click or focus outside closes it and leaves focus where it went. Not in a portal, so Tab runs
 * from the button through the panel and on along the toolbar, and tabbing out closes it.
 */
export function ToolbarPopover({ isOpen, onOpenChange, trigger, label, className, children }: ToolbarPopoverProps) {
  const hasLeft = useRef(false);
  return (
    <Popover.Root open={isOpen} onOpenChange={onOpenChange}>
      <Popover.Anchor virtualRef={trigger as { current: HTMLButtonElement }} />
      <Popover.Content
        align="end"
        sideOffset={4}
        aria-label={label}
        // The button toggles the panel itself: a press on it is not a click outside (focus moving to it is).
        onInteractOutside={(event) => {
          if (event.detail.originalEvent.type === 'pointerdown' && trigger.current?.contains(event.target as Node)) event.preventDefault();
          else hasLeft.current = true;
        }}
        // Radix loops Tab inside the panel; here Tab past either end goes on along the page, as from
        // any toolbar control, and focus leaving closes the panel.
        onKeyDownCapture={(event) => {
          if (event.key !== 'Tab') return;
          const tabbables = event.currentTarget.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled)');
          const edge = event.shiftKey ? tabbables[0] : tabbables[tabbables.length - 1];
          if (edge && document.activeElement === edge) event.stopPropagation();
        }}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          if (!hasLeft.current) trigger.current?.focus();
          hasLeft.current = false;
        }}
        className={cn('z-30 rounded-lg border border-slate-200 bg-white p-2 text-sm text-slate-800 shadow-lg', className)}
      >
        {children}
      </Popover.Content>
    </Popover.Root>
  );
}
