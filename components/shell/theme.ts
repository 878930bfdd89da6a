/** The header's theme choice, kept in a cookie so the server renders the right class at once. */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export const themeCookieName = 'theme';

export function parseThemeChoice(value: string | undefined): ThemeChoice {
  return themeChoices.find((choice) => choice === value) ?? 'system';
}

/** The class on <html>: none for "system", where prefers-color-scheme decides (app/globals.css). */
export function themeClassName(choice: ThemeChoice): string | undefined {
  return choice === 'system' ? undefined : choice;
}
