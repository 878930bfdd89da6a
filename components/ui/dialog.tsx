'use client';

import { Dialog as RadixDialog } from 'radix-ui';
import { type ReactNode, useRef } from 'react';
import { cn } from './cn';

type DialogProps = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  title: string;
  /** the title is read by screen readers but not shown (the palette's input says what it is) */
  isTitleHidden?: boolean;
  description?: ReactNode;
  className?: string;
  children: ReactNode;
};

/**
 * A modal on Radix's Dialog: focus trapped inside and given back to where it was on close, Escape
 * and a click outside close it, the rest of the page hidden from screen readers while it is open.
 */
export function Dialog({ isOpen, onOpenChange, title, isTitleHidden, description, className, children }: DialogProps) {
  // Radix gives focus back to a Dialog.Trigger; these dialogs open from a key press or a button
  // elsewhere, so focus goes back to whatever had it when the dialog opened.
  const returnFocusTo = useRef<Element | null>(null);
  return (
    <RadixDialog.Root open={isOpen} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60" />
        <RadixDialog.Content
          // Without a description Radix would point aria-describedby at nothing.
          {...(description ? {} : { 'aria-describedby': undefined })}
          onOpenAutoFocus={() => {
            returnFocusTo.current = document.activeElement;
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (returnFocusTo.current instanceof HTMLElement) returnFocusTo.current.focus();
          }}
          className={cn(
            'fixed top-[12vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 rounded-xl border border-slate-200 bg-white text-slate-900 shadow-xl focus:outline-none',
            className,
          )}
        >
          <RadixDialog.Title className={isTitleHidden ? 'sr-only' : 'px-5 pt-4 text-base font-semibold'}>{title}</RadixDialog.Title>
          {description ? <RadixDialog.Description className="px-5 pt-1 text-sm text-slate-600">{description}</RadixDialog.Description> : null}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
