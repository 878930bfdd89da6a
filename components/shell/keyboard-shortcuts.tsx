'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { isApplePlatform, isTypingTarget, shortcutOf } from './shortcuts';

// Loaded on first use: cmdk and the Radix dialog stay out of every page's first load.
const CommandPalette = dynamic(() => import('./command-palette').then((m) => m.CommandPalette), { ssr: false });
const ShortcutsDialog = dynamic(() => import('./shortcuts-dialog').then((m) => m.ShortcutsDialog), { ssr: false });

type Open = 'palette' | 'help' | null;

const noSubscription = () => () => {};

/** A dialog of the page (a delete confirmation, a Radix dialog or popover) that owns the keyboard. */
function isOtherDialogOpen(): boolean {
  return document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * The console's keyboard: Ctrl+K / ⌘K opens the palette, `/` focuses the page's table search,
 * `?` lists the shortcuts. Renders the palette's button in the header, and the dialogs once asked for.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState<Open>(null);
  const [loaded, setLoaded] = useState<{ palette: boolean; help: boolean }>({ palette: false, help: false });
  const isApple = useSyncExternalStore(noSubscription, isApplePlatform, () => false);

  const show = useCallback((next: Exclude<Open, null>) => {
    setLoaded((was) => (was[next] ? was : { ...was, [next]: true }));
    setOpen(next);
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutOf(event, isTypingTarget(event.target));
      if (!action) return;
      if (action === 'palette') {
        // Ours closes or gives way to the palette; a dialog of the page keeps the keyboard.
        event.preventDefault();
        if (open === 'palette') setOpen(null);
        else if (open !== null || !isOtherDialogOpen()) show('palette');
        return;
      }
      if (open !== null || isOtherDialogOpen()) return;
      if (action === 'search') {
        const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
        return;
      }
      event.preventDefault();
      show('help');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open, show]);

  return (
    <>
      <button
        type="button"
        onClick={() => show('palette')}
        aria-keyshortcuts="Control+K Meta+K"
        className="flex items-center gap-2 rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400"
      >
        <span>Jump to…</span>
        <kbd className="hidden rounded border border-slate-600 px-1 font-mono text-xs text-slate-300 xl:inline">{isApple ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      {loaded.palette ? (
        <CommandPalette isOpen={open === 'palette'} onOpenChange={(isOpen) => setOpen(isOpen ? 'palette' : null)} onShowShortcuts={() => show('help')} />
      ) : null}
      {loaded.help ? <ShortcutsDialog isOpen={open === 'help'} onOpenChange={(isOpen) => setOpen(isOpen ? 'help' : null)} /> : null}
    </>
  );
}
