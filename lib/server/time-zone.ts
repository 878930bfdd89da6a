import 'server-only';
import { cookies } from 'next/headers';
import { parseTimeZoneChoice, type TimeZoneChoice, timeZoneCookieName } from '@/components/shell/time-zone-choice';

/** The reader's zone choice; anything unknown in the cookie reads as "browser". */
export async function getTimeZoneChoice(): Promise<TimeZoneChoice> {
  return parseTimeZoneChoice((await cookies()).get(timeZoneCookieName)?.value);
}
