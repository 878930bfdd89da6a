'use client';

// biome-ignore lint/style/noRestrictedImports: prefetched on intent here, the one place that asks for it.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A link in a list's row, prefetched when pointed at or focused rather than when it scrolls into
 * view. Next prefetches every visible link by default: a page of 25-100 rows with a link or two
 * each sent 50-200 requests as the list appeared, and a click on the console's navigation right
 * then waited behind them, on the server and in the browser's six connections.
 */
export function RowLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, 'href' | 'prefetch'> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        router.prefetch(href);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        router.prefetch(href);
        onFocus?.(event);
      }}
      {...props}
    />
  );
}
