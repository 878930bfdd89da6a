import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutOf', () => {
  it('opens the palette with Ctrl+K and ⌘K, even from a field', () => {
    expect(shortcutOf(press('k', { ctrlKey: true }), false)).toBe('palette');
    expect(shortcutOf(press('K', { metaKey: true }), true)).toBe('palette');
  });

  it('leaves Ctrl+Alt+K (a character on some layouts) and a plain k alone', () => {
    expect(shortcutOf(press('k', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutOf(press('k'), false)).toBeNull();
  });

  it('reads / and ? as shortcuts only when the user is not typing', () => {
    expect(shortcutOf(press('/'), false)).toBe('search');
    expect(shortcutOf(press('?'), false)).toBe('help');
    expect(shortcutOf(press('/'), true)).toBeNull();
    expect(shortcutOf(press('?'), true)).toBeNull();
  });

  it('leaves / with a modifier to the browser', () => {
    expect(shortcutOf(press('/', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutOf(press('/', { altKey: true }), false)).toBeNull();
  });
});
