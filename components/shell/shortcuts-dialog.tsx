'use client';

import { Fragment } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/** Kept in step with `shortcutOf` in ./shortcuts.ts, which does what this lists. */
const shortcutList: ReadonlyArray<{ keys: readonly string[]; macKeys?: readonly string[]; description: string }> = [
  { keys: ['Ctrl', 'K'], macKeys: ['⌘', 'K'], description: 'Open the command palette: jump to a page, scan, organization, user or task' },
  { keys: ['/'], description: 'Focus the table search' },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close a dialog or the palette' },
];

/** Apple keyboards name Ctrl+K ⌘K. */
const isApplePlatform = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const kbd = 'rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800';

/** The `?` dialog: every shortcut the console answers. Loaded on first use, not with the page; open while mounted. */
export function ShortcutsDialog({ onOpenChange }: { onOpenChange: (isOpen: boolean) => void }) {
  const isApple = isApplePlatform();
  return (
    <Dialog isOpen onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-3 px-5 py-4 text-sm" data-testid="shortcut-list">
        {shortcutList.map((shortcut) => (
          <Fragment key={shortcut.description}>
            <dt className="flex gap-1 whitespace-nowrap">
              {(isApple && shortcut.macKeys ? shortcut.macKeys : shortcut.keys).map((key) => (
                <kbd key={key} className={kbd}>
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{shortcut.description}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="flex justify-end border-t border-slate-200 px-5 py-3">
        <Button onClick={() => onOpenChange(false)}>Close</Button>
      </div>
    </Dialog>
  );
}
