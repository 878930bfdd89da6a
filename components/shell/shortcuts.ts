/** The console's keyboard shortcuts: what the `?` dialog lists and what the global key handler does. */
export type ShortcutAction = 'palette' | 'search' | 'help';

export const shortcutList: ReadonlyArray<{ keys: readonly string[]; macKeys?: readonly string[]; description: string }> = [
  { keys: ['Ctrl', 'K'], macKeys: ['⌘', 'K'], description: 'Open the command palette: jump to a page, scan, organization, user or task' },
  { keys: ['/'], description: 'Focus the table search' },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close a dialog or the palette' },
];

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

/** Apple keyboards name Ctrl+K ⌘K. */
export function isApplePlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
