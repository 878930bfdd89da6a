'use client';

import { writePreferenceCookie } from './preference-cookie';
import { parseThemeChoice, type ThemeChoice, themeCookieName } from './theme';

function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  if (choice !== 'system') root.classList.add(choice);
  writePreferenceCookie(themeCookieName, choice);
}

/** System / Light / Dark, in the header; "System" follows prefers-color-scheme. */
export function ThemeToggle({ initialChoice }: { initialChoice: ThemeChoice }) {
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-300">
      Theme
      <select
        defaultValue={initialChoice}
        onChange={(event) => applyTheme(parseThemeChoice(event.target.value))}
        className="rounded-md border border-slate-600 bg-slate-900 px-1.5 py-1 text-xs text-slate-200"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
