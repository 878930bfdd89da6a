import { afterAll, beforeEach } from 'vitest';
import { directorKeys, setTestEnv, testSessions } from './bff';
import { startSimulator, type Simulator, type SimulatorOptions } from '@/simulator/server';

/** Test-only: a simulator with known HSS and IAM credentials, and the app variables for either auth mode. */

export const hssTest = {
  projectId: 'p0123456789abcdef0123',
  ak: 'AKTESTHSS00000000000',
  sk: 'sk-test-hss-secret-0000',
  iam: { domain: 'acme', username: 'scandeck', password: 'iam-test-password', projectName: 'cn-north-4' },
};

export function startHssSimulator(size?: SimulatorOptions['size']): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed: 11,
    ...(size ? { size } : {}),
    control: true,
    director: directorKeys,
    hss: { projectId: hssTest.projectId, ak: hssTest.ak, sk: hssTest.sk, manualScanMs: 20_000 },
    iam: { ...hssTest.iam, projectId: hssTest.projectId },
  });
}

export function hssEnv(sim: Simulator, mode: 'aksk' | 'iam', extra: Record<string, string> = {}): Record<string, string> {
  // A budget that tests of other things do not meet (the defaults allow 3 calls a minute); budget tests set their own.
  const common = {
    HSS_ENDPOINT: sim.url,
    HSS_PROJECT_ID: hssTest.projectId,
    HSS_TIMEOUT_MS: '2000',
    HSS_CALLS_PER_MINUTE: '600',
    HSS_CALL_BURST: '60',
    ...extra,
  };
  if (mode === 'aksk') return { ...common, HUAWEI_AK: hssTest.ak, HUAWEI_SK: hssTest.sk };
  return {
    ...common,
    IAM_ENDPOINT: sim.url,
    IAM_DOMAIN: hssTest.iam.domain,
    IAM_USERNAME: hssTest.iam.username,
    IAM_PASSWORD: hssTest.iam.password,
    IAM_PROJECT_NAME: hssTest.iam.projectName,
  };
}

/**
 * One test file's simulated HSS: the app's variables for `mode` set (in IAM mode without AK/SK, so the
 * client must fetch a token), HSS answers, host lists and request counts fresh before each test, and
 * the simulator closed after the file. Import the routes after this, so they read these variables.
 */
export async function hssTestSetup(mode: 'aksk' | 'iam', extra: Record<string, string> = {}) {
  const sim = await startHssSimulator();
  if (mode === 'iam') {
    delete process.env.HUAWEI_AK;
    delete process.env.HUAWEI_SK;
  }
  setTestEnv(sim.url, hssEnv(sim, mode, extra));
  const { clearScanTaskCache } = await import('@/lib/server/hss/scan-tasks');
  const { clearHostCache } = await import('@/lib/server/hss/hosts');
  beforeEach(() => {
    clearScanTaskCache();
    clearHostCache();
    sim.hss.resetRequestCounts();
  });
  afterAll(() => sim.close());
  return { sim, ...(await testSessions()) };
}

/** startHssSimulator with `tasks` HSS tasks rather than the demo's 60, for lists that take many pages. */
export function startHssSimulatorWithTasks(tasks: number): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed: 5,
    size: { tasks },
    director: directorKeys,
    hss: { projectId: hssTest.projectId, ak: hssTest.ak, sk: hssTest.sk },
    iam: { ...hssTest.iam, projectId: hssTest.projectId },
  });
}
