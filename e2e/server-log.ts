import { readFileSync } from 'node:fs';
import { e2eDataDir } from '../playwright.config';

/** What scripts/e2e-servers.mjs wrote for the specs that check credentials, the log and /metrics. */
export const stackSecrets = JSON.parse(readFileSync(`${e2eDataDir}/secrets.json`, 'utf8')) as {
  secrets: string[];
  passwords: string[];
  logFile: string;
  metricsToken: string;
};

/** The app's structured log lines so far (the stack's log file prefixes each with `[app] `). */
export function appLogEntries(): Array<Record<string, unknown>> {
  const entries: Array<Record<string, unknown>> = [];
  for (const line of readFileSync(stackSecrets.logFile, 'utf8').split('\n')) {
    if (!line.startsWith('[app] {')) continue;
    try {
      entries.push(JSON.parse(line.slice('[app] '.length)) as Record<string, unknown>);
    } catch {
      // A line cut by the log file's chunking is checked as text by the secrets test only.
    }
  }
  return entries;
}
