'use client';

import { CommandPalette } from './command-palette';
import type { ShellDialogName } from './shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog';

/** The shell's own dialogs, one lazily loaded module for both (keyboard-shortcuts.tsx). */
export function ShellDialog({ name, onClose, onShow }: { name: ShellDialogName; onClose: () => void; onShow: (name: ShellDialogName) => void }) {
  const onOpenChange = (isOpen: boolean) => {
    if (!isOpen) onClose();
  };
  return name === 'palette' ? (
    <CommandPalette onOpenChange={onOpenChange} onShowShortcuts={() => onShow('help')} />
  ) : (
    <ShortcutsDialog onOpenChange={onOpenChange} />
  );
}
