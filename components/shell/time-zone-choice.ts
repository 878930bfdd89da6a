/** The reader's zone for every time shown, kept in a cookie like the theme, so the server renders with it. */
export const timeZoneChoices = ['browser', 'utc'] as const;
export type TimeZoneChoice = (typeof timeZoneChoices)[number];

export const timeZoneCookieName = 'time-zone';

export function parseTimeZoneChoice(value: string | undefined): TimeZoneChoice {
  return value === 'utc' ? 'utc' : 'browser';
}
