/** What a key press means to the console's global key handler (the `?` dialog lists the same). */
export type ShortcutAction = 'palette' | 'search' | 'help';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * The shortcut a key press means. Ctrl+K (⌘K) works from anywhere, as in other consoles; `/` and
 * `?` are characters, so they are left alone while the user types in a field.
 */
export function shortcutOf(press: KeyPress, isTyping: boolean): ShortcutAction | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'k') return 'palette';
  if (isTyping || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === '/') return 'search';
  if (press.key === '?') return 'help';
  return null;
}

const nonTextInputs = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether a key press in this element types text (a field, a select, an editable region). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !nonTextInputs.has(target.type);
}

export type ShellDialogName = 'palette' | 'help';

/** A dialog of the page (a delete confirmation, a Radix dialog or popover) that owns the keyboard. */
const isPageDialogOpen = () => document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') !== null;

/**
 * Listens for the console's shortcuts until the returned function is called. `openDialog` says
 * which of the shell's own dialogs is open; `setOpen` opens or closes one.
 */
export function listenForShortcuts(shell: { openDialog: () => ShellDialogName | null; setOpen: (name: ShellDialogName | null) => void }): () => void {
  function onKeyDown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.isComposing) return;
    const action = shortcutOf(event, isTypingTarget(event.target));
    const open = shell.openDialog();
    if (action === 'palette') {
      // Ours closes or gives way to the palette; a dialog of the page keeps the keyboard.
      event.preventDefault();
      if (open === 'palette') shell.setOpen(null);
      else if (open !== null || !isPageDialogOpen()) shell.setOpen('palette');
      return;
    }
    if (!action || open !== null || isPageDialogOpen()) return;
    if (action === 'help') {
      event.preventDefault();
      shell.setOpen('help');
      return;
    }
    const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  }
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
