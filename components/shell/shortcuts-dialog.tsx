'use client';

import { Fragment } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { isApplePlatform, shortcutList } from './shortcuts';

const kbd = 'rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800';

/** The `?` dialog: every shortcut the console answers. Loaded on first use, not with the page. */
export function ShortcutsDialog({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (isOpen: boolean) => void }) {
  const isApple = isApplePlatform();
  return (
    <Dialog isOpen={isOpen} onOpenChange={onOpenChange} title="Keyboard shortcuts">
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
