import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { getPageSession } from '@/lib/server/session';
import { getThemeChoice } from '@/lib/server/theme';

// On the layout: a page that throws notFound() gives the tab no title of its own, a layout still does.
export const metadata: Metadata = { title: 'Page not found' };

/**
 * The frame of an address no page answers. A group of its own, without the console's loading.tsx,
 * so notFound() is thrown before anything streams and the answer keeps its 404 status. Pages
 * without a session never get here (proxy.ts sends them to sign-in); what does (an unknown /api/
 * path, which the proxy leaves to its handlers) gets the bare 404, without the header.
 */
export default async function MissingLayout({ children }: { children: ReactNode }) {
  const session = await getPageSession();
  if (!session) return <main className="mx-auto max-w-[1400px] px-6 py-6">{children}</main>;
  return (
    <ConsoleFrame user={{ username: session.username, role: session.role }} theme={await getThemeChoice()}>
      {children}
    </ConsoleFrame>
  );
}
