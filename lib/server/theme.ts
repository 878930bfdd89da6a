import 'server-only';
import { cookies } from 'next/headers';
import { parseThemeChoice, type ThemeChoice, themeCookieName } from '@/components/shell/theme';

/** The signed-in or not visitor's theme choice; anything unknown in the cookie reads as "system". */
export async function getThemeChoice(): Promise<ThemeChoice> {
  return parseThemeChoice((await cookies()).get(themeCookieName)?.value);
}
