'use client';

import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ShellDialogName } from './shortcuts';

// Loaded on first use: cmdk and the Radix dialog stay out of every page's first load. React's own
// lazy, not next/dynamic: these render only after a key press or a click, so server rendering has
// no part in them, and next/dynamic's loader would put about a kilobyte on every page.
const ShellDialog = lazy(() => import('./shell-dialogs').then((m) => ({ default: m.ShellDialog })));
// The toasts' live region and the heading focus after navigation come with the key handler, just
// after the page: here rather than in a loader of their own, which would cost the list pages bytes.
const ShellExtras = lazy(() => import('./shell-extras'));

/**
 * The palette's button in the header, and the console's keyboard: Ctrl+K / ⌘K opens the palette,
 * `/` focuses the page's table search, `?` lists the shortcuts (./shortcuts.ts). The key handler
 * loads just after the page, not with it, as the list pages' first-load JS is at its budget; the
 * button announces the shortcut once it works. A dialog is mounted while open: closing unmounts it
 * and Radix gives focus back to where it was.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState<ShellDialogName | null>(null);
  const [isListening, setIsListening] = useState(false);
  // Where the document was loaded, taken as the page hydrates: the heading focus (in ShellExtras,
  // loaded after) tells a navigation made before it arrived from the first load by it.
  const [firstPath, setFirstPath] = useState<string | null>(null);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let isUnmounted = false;
    setFirstPath(window.location.pathname);
    void import('./shortcuts').then(({ listenForShortcuts }) => {
      if (isUnmounted) return;
      stop = listenForShortcuts({ openDialog: () => openRef.current, setOpen });
      setIsListening(true);
    });
    return () => {
      isUnmounted = true;
      stop?.();
    };
  }, []);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen('palette')}
        aria-keyshortcuts={isListening ? 'Control+K Meta+K' : undefined}
        className="rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-200 hover:bg-slate-800"
      >
        Jump to…
      </button>
      {open ? (
        <Suspense fallback={null}>
          <ShellDialog name={open} onClose={() => setOpen(null)} onShow={setOpen} />
        </Suspense>
      ) : null}
      {isListening && firstPath !== null ? (
        <Suspense fallback={null}>
          <ShellExtras firstPath={firstPath} />
        </Suspense>
      ) : null}
    </>
  );
}
