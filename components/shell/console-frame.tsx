import { Link } from '@/components/ui/link';
import type { ReactNode } from 'react';
import { type CurrentUser, CurrentUserProvider } from './current-user';
import { KeyboardShortcuts } from './keyboard-shortcuts';
import { MainNav } from './main-nav';
import { ThemeToggle, TimeZoneToggle } from './preferences';
import type { ThemeChoice } from './theme';
import type { TimeZoneChoice } from './time-zone-choice';
import { UpstreamStatus } from './upstream-status';
import { UserMenu } from './user-menu';

/**
 * The console's header and main area, for its pages and for the 404 of an unknown address. The
 * skip link comes first in tab order; <main> takes focus from it (tabIndex -1). Below 1280 px the
 * header wraps onto a second row instead of pushing "Sign out" off screen.
 */
export function ConsoleFrame({ user, theme, timeZone, children }: { user: CurrentUser; theme: ThemeChoice; timeZone: TimeZoneChoice; children: ReactNode }) {
  return (
    <CurrentUserProvider user={user}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen flex-col">
        <header data-palette="fixed" className="sticky top-0 z-30 border-b border-slate-800 bg-slate-900">
          <div className="mx-auto flex min-h-14 max-w-[1400px] flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-2">
            <div className="flex items-center gap-4">
              <Link href="/" className="text-base font-semibold tracking-tight text-white">
                Scan<span className="text-indigo-400">Deck</span>
              </Link>
              <MainNav />
            </div>
            <div className="ml-auto flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
              <KeyboardShortcuts />
              <UpstreamStatus />
              <TimeZoneToggle initialChoice={timeZone} />
              <ThemeToggle initialChoice={theme} />
              <UserMenu />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1400px] min-w-0 flex-1 px-6 py-6 outline-none">
          {children}
        </main>
      </div>
    </CurrentUserProvider>
  );
}
