import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { requirePageSession } from '@/lib/server/session';
import { getThemeChoice } from '@/lib/server/theme';
import { getTimeZoneChoice } from '@/lib/server/time-zone';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  const [theme, timeZone] = await Promise.all([getThemeChoice(), getTimeZoneChoice()]);
  return (
    <ConsoleFrame user={{ username: session.username, role: session.role }} theme={theme} timeZone={timeZone}>
      {children}
    </ConsoleFrame>
  );
}
