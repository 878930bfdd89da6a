import { captureLogLines } from '@/lib/server/log';

export interface CapturedLog {
  /** each line as written (JSON text) */
  lines: string[];
  /** the lines parsed */
  entries(): Array<Record<string, unknown>>;
  text(): string;
  restore(): void;
}

/** Catches the server logger's lines (lib/server/log.ts) instead of writing them to stdout. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const restore = captureLogLines((line) => lines.push(line));
  return {
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
    restore,
  };
}
