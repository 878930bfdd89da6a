'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/** Long enough for a loaded machine to render the next page, short enough not to surprise later. */
const watchMs = 10_000;

/** The path the console last showed in this document, kept outside React (see useHeadingFocus). */
let shownPath: string | undefined;

/**
 * After a client-side navigation (opening a row, following a link) focus goes to the new page's
 * heading, so a keyboard or screen reader user starts there instead of on <body>. Not on first load.
 * The heading may arrive late (a loading skeleton first, then the page), so the main area is
 * watched for a while; as soon as the user puts focus anywhere else, the watch ends.
 *
 * `firstPath`: the path the document was loaded at. This hook comes in a chunk loaded just after the
 * page (keyboard-shortcuts.tsx); on a loaded machine a row opened before it arrived was taken for the
 * first load (its first path was already the new one), and the heading was never focused.
 */
export function useHeadingFocus(firstPath: string): void {
  const pathname = usePathname();
  useEffect(() => {
    const previous = shownPath ?? firstPath;
    shownPath = pathname;
    if (previous === pathname) return;
    const main = document.getElementById('main');
    if (!main) return;
    const startedOn = document.activeElement;
    let focused: HTMLElement | null = null;
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    const focusHeading = () => {
      const active = document.activeElement;
      const isUntouched = !active || active === document.body || active === startedOn || active === focused || !active.isConnected;
      if (!isUntouched) return stop();
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading || heading === active) return;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      focused = heading;
    };
    const observer = new MutationObserver(focusHeading);
    const timer = setTimeout(stop, watchMs);
    observer.observe(main, { childList: true, subtree: true });
    focusHeading();
    return stop;
  }, [pathname, firstPath]);
}
