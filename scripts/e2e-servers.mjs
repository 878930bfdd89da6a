// Started by Playwright (playwright.config.ts `webServer`): the production build on a fresh,
// seeded simulator with fault injection on, and the end-to-end users of e2e/fixtures/users.mjs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eUsers } from '../e2e/fixtures/users.mjs';
import { ssoUsers } from './lib/oidc-provider.mjs';
import { addUsers, root, startStack } from './lib/stack.mjs';

const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const simPort = Number(process.env.E2E_SIM_PORT ?? 4110);
const dataDir = join(root, process.env.E2E_DATA_DIR ?? `.data/e2e-${appPort}`);
const usersFile = join(dataDir, 'users.json');

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
addUsers(usersFile, Object.values(e2eUsers));
const logFile = join(dataDir, 'servers.log');
// The provider's users, with passwords of this run only (e2e/sso.spec.ts reads them from sso.json).
const providerUsers = ssoUsers();
const metricsToken = randomBytes(24).toString('base64url');
const { appUrl, simUrl, secrets, scis, sso } = await startStack({
  appPort,
  simPort,
  dataDir,
  usersFile,
  control: true,
  seed: 1,
  logFile,
  // The app logs a JSON line per request: they go to servers.log (read by e2e/logs.spec.ts and
  // e2e/secrets.spec.ts), not into the test run's output.
  quiet: true,
  // Long enough that a loaded machine still reaches a started task's page while it runs.
  manualScanMs: 30_000,
  sso: { users: providerUsers },
  // The simulator has no per-API limit, and the specs together read HSS far more often than one
  // tenant's budget allows a minute: with the default (20 a minute) later specs met ScanDeck's own
  // 429. The budget itself is proven by app/api/hss/scan-tasks/budget.test.ts.
  // /metrics answers a scraper holding this token (e2e/metrics.spec.ts); a new one each run.
  extraEnv: { HSS_CALLS_PER_MINUTE: '600', HSS_CALL_BURST: '60', METRICS_TOKEN: metricsToken },
});
writeFileSync(join(dataDir, 'sso.json'), JSON.stringify({ issuer: sso.issuer, clientSecret: sso.clientSecret, users: providerUsers }), { mode: 0o600 });
// Read by e2e/secrets.spec.ts, which proves none of these reaches a page, an API answer or the log.
writeFileSync(
  join(dataDir, 'secrets.json'),
  JSON.stringify({
    secrets: [...secrets, metricsToken],
    passwords: [...Object.values(e2eUsers).map((u) => u.password), ...providerUsers.map((u) => u.password)],
    logFile,
    scis,
    metricsToken,
  }),
  { mode: 0o600 },
);
console.log(`e2e stack ready: app ${appUrl}, simulator ${simUrl}`);
