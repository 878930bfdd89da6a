import Link from 'next/link';
import type { ReactNode } from 'react';
import { CurrentUserProvider } from '@/components/shell/current-user';
import { KeyboardShortcuts } from '@/components/shell/keyboard-shortcuts';
import { MainNav } from '@/components/shell/main-nav';
import { UpstreamStatus } from '@/components/shell/upstream-status';
import { ThemeToggle, TimeZoneToggle } from '@/components/shell/preferences';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePageSession } from '@/lib/server/session';
import { getThemeChoice } from '@/lib/server/theme';
import { getTimeZoneChoice } from '@/lib/server/time-zone';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  const [theme, timeZone] = await Promise.all([getThemeChoice(), getTimeZoneChoice()]);
  return (
    <CurrentUserProvider user={{ username: session.username, role: session.role }}>
      <div className="flex min-h-screen flex-col">
        <header data-palette="fixed" className="sticky top-0 z-30 border-b border-slate-800 bg-slate-900">
          <div className="mx-auto flex h-14 max-w-[1400px] items-center justify-between gap-4 px-6">
            <div className="flex items-center gap-4">
              <Link href="/" className="text-base font-semibold tracking-tight text-white">
                Scan<span className="text-indigo-400">Deck</span>
              </Link>
              <MainNav />
            </div>
            <div className="flex items-center gap-4">
              <KeyboardShortcuts />
              <UpstreamStatus />
              <TimeZoneToggle initialChoice={timeZone} />
              <ThemeToggle initialChoice={theme} />
              <UserMenu />
            </div>
          </div>
        </header>
        <main className="mx-auto w-full max-w-[1400px] flex-1 px-6 py-6">{children}</main>
      </div>
    </CurrentUserProvider>
  );
}
