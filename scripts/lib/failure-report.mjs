import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const plain = (text) => stripVTControlCharacters(String(text ?? ''));

/**
 * One entry per failed test of both runners' JSON reports: its title, where it failed (the
 * assertion's line when the runner knows it) and the first lines of its error.
 */
export function failureReport({ vitest, playwright, root, maxLines = 8 }) {
  const failures = [];
  for (const file of vitest?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push({ title: test.fullName, where: relative(root, file.name), message: test.failureMessages?.[0] });
    }
  }
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'expected' || test.status === 'skipped') continue;
        const result = test.results?.at(-1);
        const at = result?.error?.location;
        failures.push({
          title: spec.title,
          where: at ? `${relative(root, at.file)}:${at.line}` : `${spec.file}:${spec.line}`,
          message: result?.error?.message ?? `ended ${result?.status ?? 'without a result'}`,
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of playwright?.suites ?? []) walk(suite);
  return failures.map(({ title, where, message }) => {
    const lines = plain(message)
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, maxLines)
      .map((line) => `    ${line.slice(0, 200)}`);
    return [`- ${title}`, `  at ${where}`, ...lines].join('\n');
  });
}
