// biome-ignore lint/style/noRestrictedImports: the one wrapper of next/link; every other link comes through it.
import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * next/link, prefetched only when asked (`prefetch`, or `router.prefetch` on intent, see RowLink).
 * Next prefetches every link in view by default, and every console page is dynamic (its rows are
 * read per request), so each prefetch is a server render that cannot bring the rows:
 * - the console's navigation sent ten (a route tree and a segment for each of its five other
 *   sections) with every page load, and a click made right then waited behind them, on the
 *   server and in the browser's six connections;
 * - prefetched when pointed at instead, a click sent three requests (the tree, the page, then a
 *   segment nobody used) where one serves;
 * - a list's "New scan" button sent two renders of the scan form with every visit to the list.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
