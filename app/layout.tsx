import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { themeClassName } from '@/components/shell/theme';
import { getThemeChoice } from '@/lib/server/theme';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'ScanDeck', template: '%s · ScanDeck' },
  description: 'One console over Tenable Security Center Director and Huawei Cloud HSS',
  // From public/: every page, the sign-in page and the 404 included, shows the app's mark.
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '32x32' },
    ],
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next can put that request's CSP nonce (set in proxy.ts) on
  // its scripts; a page prerendered at build time would carry none and be blocked.
  await connection();
  const theme = await getThemeChoice();
  return (
    <html lang="en" className={themeClassName(theme)}>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
