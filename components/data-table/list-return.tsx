'use client';

/**
 * Where "← Scans" and the redirect after a delete go: the list as the reader last left it in this
 * tab (its page, filters, sort and columns), kept in sessionStorage by the list itself. A saved
 * value is only ever a query string for the same fixed path, so it cannot point elsewhere.
 */
const storageKey = (path: string) => `scandeck:list:${path}`;

export function rememberListSearch(path: string, search: string): void {
  try {
    sessionStorage.setItem(storageKey(path), search);
  } catch {
    // Storage off (private mode, quota): links back fall back to the bare list.
  }
}

export function listHref(path: string): string {
  let search = '';
  try {
    search = sessionStorage.getItem(storageKey(path)) ?? '';
  } catch {
    search = '';
  }
  // Only a query string is taken: no path, no scheme, no fragment.
  return /^[\w.~%+\-=&,]*$/.test(search) && search !== '' ? `${path}?${search}` : path;
}
