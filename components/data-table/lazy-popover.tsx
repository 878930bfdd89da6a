'use client';

import { type ReactNode, type RefObject, Suspense, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/** What a toolbar popover gets from its button: open or not, how to close, and the button to sit by and give focus back to. */
export type PopoverPanelProps = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  trigger: RefObject<HTMLButtonElement | null>;
};

type LazyPopoverButtonProps = {
  children: ReactNode;
  /** the panel, a React.lazy component: its code (Radix's popover among it) loads on the first opening */
  panel: (props: PopoverPanelProps) => ReactNode;
  /** starts loading the panel's code as the pointer reaches the button */
  preload: () => unknown;
};

/**
 * A toolbar button whose popover is not part of the list page's first load (the pages are at their
 * bundle budget). The button is real from the start: it says it opens a dialog and whether it is
 * open, and a click before the code arrives opens the panel as soon as it does.
 */
export function LazyPopoverButton({ children, panel, preload }: LazyPopoverButtonProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [hasOpened, setHasOpened] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={trigger}
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        onPointerEnter={preload}
        onClick={() => {
          setHasOpened(true);
          setIsOpen((open) => !open);
        }}
      >
        {children}
      </Button>
      {hasOpened ? <Suspense fallback={null}>{panel({ isOpen, onOpenChange: setIsOpen, trigger })}</Suspense> : null}
    </>
  );
}
