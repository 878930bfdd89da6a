'use client';

import type { ReactNode } from 'react';
import { parseThemeChoice, type ThemeChoice, themeCookieName } from './theme';
import { onTimeZoneChosen, useBrowserZone } from './time-zone';
import { type TimeZoneChoice, timeZoneCookieName } from './time-zone-choice';

// The header's display preferences, each kept in a cookie so the server renders the choice on the
// next load: one module, one select style, as every page loads them.

function writeCookie(name: string, value: string): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  // A preference, not a credential: readable by the page on purpose, sent back with every request.
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser ScanDeck supports
  document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

function PreferenceSelect({ label, children, ...select }: { label: string; children: ReactNode } & React.ComponentProps<'select'>) {
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-300">
      {label}
      <select {...select} className="rounded-md border border-slate-600 bg-slate-900 px-1.5 py-1 text-xs text-slate-200">
        {children}
      </select>
    </label>
  );
}

function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  if (choice !== 'system') root.classList.add(choice);
  writeCookie(themeCookieName, choice);
}

/** System / Light / Dark; "System" follows prefers-color-scheme. */
export function ThemeToggle({ initialChoice }: { initialChoice: ThemeChoice }) {
  return (
    <PreferenceSelect label="Theme" defaultValue={initialChoice} onChange={(event) => applyTheme(parseThemeChoice(event.target.value))}>
      <option value="system">System</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </PreferenceSelect>
  );
}

/** The browser's zone (named once known) or UTC, for every time on every page. */
export function TimeZoneToggle({ initialChoice }: { initialChoice: TimeZoneChoice }) {
  const zone = useBrowserZone();
  return (
    <PreferenceSelect
      label="Times"
      defaultValue={initialChoice}
      onChange={(event) => {
        writeCookie(timeZoneCookieName, event.target.value === 'utc' ? 'utc' : 'browser');
        onTimeZoneChosen();
      }}
    >
      <option value="browser">{zone ? `Browser (${zone})` : 'Browser'}</option>
      <option value="utc">UTC</option>
    </PreferenceSelect>
  );
}
