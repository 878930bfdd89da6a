'use client';

import { useState } from 'react';
import { parseThemeChoice, type ThemeChoice, themeChoices, themeClassName, themeCookieName } from './theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  const className = themeClassName(choice);
  if (className) root.classList.add(className);
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  // A preference, not a credential: readable by the page on purpose, sent back so the server
  // renders the chosen class on the next load without a flash.
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser ScanDeck supports
  document.cookie = `${themeCookieName}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

/** System / Light / Dark, in the header; "System" follows prefers-color-scheme. */
export function ThemeToggle({ initialChoice }: { initialChoice: ThemeChoice }) {
  const [choice, setChoice] = useState(initialChoice);
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-300">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(event) => {
          const next = parseThemeChoice(event.target.value);
          setChoice(next);
          applyTheme(next);
        }}
        className="rounded-md border border-slate-600 bg-slate-900 px-1.5 py-1 text-xs text-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400"
        data-testid="theme-choice"
      >
        {themeChoices.map((c) => (
          <option key={c} value={c}>
            {labels[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
