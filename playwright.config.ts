import { defineConfig, devices } from '@playwright/test';

const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const simPort = Number(process.env.E2E_SIM_PORT ?? 4110);
export const baseURL = `http://localhost:${appPort}`;
/** Per-port, so two e2e runs on one machine never share servers, sessions or results. */
export const e2eDataDir = `.data/e2e-${appPort}`;

// Debian's Chromium (`apt-get install chromium`); Playwright cannot download its own browser here.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: `./test-results/${appPort}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    // As a reader who asked for less motion: the pulsing bars (motion-safe) stay still, so a
    // software-rendered Chromium does not spend its main thread repainting them.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 } },
      dependencies: ['setup'],
    },
  ],
  webServer: {
    command: 'node scripts/e2e-servers.mjs',
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_APP_PORT: String(appPort), E2E_SIM_PORT: String(simPort), E2E_DATA_DIR: e2eDataDir },
  },
});

export const simulatorURL = `http://127.0.0.1:${simPort}`;
