import type { ReactNode } from 'react';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { requirePageSession } from '@/lib/server/session';
import { getThemeChoice } from '@/lib/server/theme';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  const theme = await getThemeChoice();
  return (
    <ConsoleFrame user={{ username: session.username, role: session.role }} theme={theme}>
      {children}
    </ConsoleFrame>
  );
}
