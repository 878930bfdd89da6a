'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

type ConfirmDialogProps = {
  isOpen: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  isPending?: boolean;
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
  onClose: () => void;
  /** shown between the description and the buttons, e.g. an error panel */
  children?: ReactNode;
  /** wide for dialogs that hold a list to choose from */
  size?: 'md' | 'lg';
  /** buttons in place of Cancel and the confirmation, once there is nothing left to confirm (a run's outcome) */
  actions?: ReactNode;
};

/**
 * A modal built on the native <dialog>: the browser gives it role="dialog", keeps focus inside
 * and closes it on Escape; we only keep React's `isOpen` in step with it.
 */
export function ConfirmDialog({
  isOpen,
  title,
  description,
  confirmLabel,
  isPending,
  tone = 'danger',
  onConfirm,
  onClose,
  children,
  size = 'md',
  actions,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        if (!isPending) onClose();
      }}
      className={`m-auto w-full ${size === 'lg' ? 'max-w-3xl' : 'max-w-md'} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {isOpen ? (
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div id={descriptionId} className="text-sm text-slate-600">
            {description}
          </div>
          {children}
          <div className="flex justify-end gap-2 pt-1">
            {actions ?? (
              <>
                <Button ref={cancelRef} variant="secondary" onClick={onClose} disabled={isPending}>
                  Cancel
                </Button>
                <Button variant={tone} onClick={onConfirm} disabled={isPending} aria-busy={isPending || undefined}>
                  {isPending ? 'Working…' : confirmLabel}
                </Button>
              </>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
