// `npm test`: every test ScanDeck has, in the order a failure is cheapest to find — format and lint, types, unit and
// handler tests (vitest, against the real simulator), then the production build driven in Chromium
// (Playwright). Ends with one line "tests: N passed, N failed" summing both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { failureReport } from './lib/failure-report.mjs';
import { root } from './lib/stack.mjs';

const reports = join(root, '.data', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const stages = [];

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${[command.replace(`${root}/`, ''), ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  stages.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p));
}

/** On a fresh Debian machine as root, installs a package the tests need from Debian (nothing else reaches out). */
function ensureDebianPackage(pkg, isPresent) {
  if (isPresent()) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  console.log(`\n${pkg} is missing; installing Debian package "${pkg}"…`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
  return isPresent();
}

// Playwright cannot download a browser here: Debian's Chromium it is.
function ensureChromium() {
  return ensureDebianPackage('chromium', () => Boolean(findChromium())) ? findChromium() : undefined;
}

// The Redis tests start their own redis-server on loopback (lib/testing/redis.ts).
if (!ensureDebianPackage('redis-server', () => spawnSync('redis-server', ['--version']).status === 0)) {
  console.error('\nNo redis-server found: the Redis tests will fail. Install it (Debian: apt-get install redis-server).');
}

// The PostgreSQL tests start their own server on loopback (lib/testing/postgres.ts): initdb and postgres
// from Debian's /usr/lib/postgresql/<version>/bin, or from PATH.
function hasPostgres() {
  const base = '/usr/lib/postgresql';
  const debian = existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
  return debian || spawnSync('initdb', ['--version']).status === 0;
}
if (!ensureDebianPackage('postgresql', hasPostgres)) {
  console.error('\nNo PostgreSQL found: the PostgreSQL tests will fail. Install it (Debian: apt-get install postgresql).');
}

// Formatting and lint first: a file out of format or a lint warning fails the run like a test.
run('format and lint (biome ci)', bin('biome'), ['ci', '--error-on-warnings', '.']);
run('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);
run('unit, simulator and handler tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`]);

const chromium = ensureChromium();
if (!chromium) {
  console.error('\nNo Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  stages.push({ label: 'chromium', ok: false, seconds: 0 });
} else if (run('production build', bin('next'), ['build'])) {
  // Sizes are deterministic, so a page over its first-load JS budget fails the run like a test.
  run('first-load JS budget (bundle-report --check)', process.execPath, [join(root, 'scripts', 'bundle-report.mjs'), '--check']);
  run('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json'),
  });
} else {
  stages.push({ label: 'end-to-end (not run: the build failed)', ok: false, seconds: 0 });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(reports, file), 'utf8'));
  } catch {
    return undefined;
  }
}
// Each runner's own failures; a stage that failed without any (types, build, a runner that crashed)
// counts as one failure so the closing line never reads green for a red run.
const vitest = readJson('vitest.json');
const playwright = readJson('playwright.json');
const runnerFailures = {
  'unit, simulator and handler tests': vitest?.numFailedTests ?? 0,
  'end-to-end (Playwright, Chromium)': (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0),
};
counts.passed += (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
counts.skipped += (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
for (const stage of stages) {
  if (!stage.ok) counts.failed += Math.max(runnerFailures[stage.label] ?? 0, 1);
}

// What failed and why, at the end where a CI log's tail shows it (the runners' own reports are far above).
const failures = failureReport({ vitest, playwright, root });
if (failures.length > 0) console.log(`\n=== failures\n${failures.join('\n')}`);

console.log('\n=== summary');
for (const stage of stages) console.log(`${stage.ok ? 'ok    ' : 'FAILED'} ${stage.label} (${stage.seconds}s)`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed > 0 ? 1 : 0);
