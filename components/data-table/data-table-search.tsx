'use client';

import { useEffect, useRef, useState } from 'react';
import { Input } from '@/components/ui/input';

type DataTableSearchProps = {
  value: string;
  onSearch: (q: string) => void;
  label: string;
  placeholder?: string;
  delayMs?: number;
};

/** Debounced so each keystroke does not become a request; follows the URL when it changes elsewhere. */
export function DataTableSearch({ value, onSearch, label, placeholder, delayMs = 300 }: DataTableSearchProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSent = useRef(value);

  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function send(next: string) {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === lastSent.current) return;
    lastSent.current = trimmed;
    onSearch(trimmed);
  }

  return (
    <Input
      type="search"
      aria-label={label}
      placeholder={placeholder ?? label}
      className="w-64"
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => send(next), delayMs);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') send(text);
      }}
    />
  );
}
