import type { Config } from 'tailwindcss';

// Read by Tailwind 4 through the `@config` line in app/globals.css.
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'DejaVu Sans', 'sans-serif'],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'DejaVu Sans Mono', 'monospace'],
      },
    },
  },
};

export default config;
