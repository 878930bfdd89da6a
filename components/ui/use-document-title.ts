'use client';

import { useEffect } from 'react';

/**
 * Names the browser tab after what the page shows (a scan's name, a user's), once it is known, so
 * several open scans are told apart; the route's own title stands until then.
 */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · ScanDeck`;
  }, [title]);
}
