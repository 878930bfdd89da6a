import { parseArgs } from 'node:util';
import { startSimulator } from './server';

/**
 * `tsx simulator/main.ts [--port 4010] [--host 127.0.0.1] [--seed 1] [--size demo|bench] [--control] [--manual-scan-ms 180000]`
 *
 * `--host 0.0.0.0` is for the compose demo only, where the simulator runs in a container of its own
 * on the compose network and the ScanDeck containers call it by name; anywhere else it stays on loopback.
 *
 * Credentials come from SIM_* variables; unset ones fall back to loud demo values that only
 * this loopback simulator accepts. No credential is ever printed.
 */
const DEMO_DEFAULTS = {
  SIM_DIRECTOR_ACCESS_KEY: 'DEMO-ONLY-director-access-key',
  SIM_DIRECTOR_SECRET_KEY: 'DEMO-ONLY-director-secret-key',
  SIM_HSS_PROJECT_ID: '0d0a0e0m0o0p0r0o0j0e0c0t0i0d0000',
  SIM_HUAWEI_AK: 'DEMOONLYHUAWEIAK0000',
  SIM_HUAWEI_SK: 'DEMO-ONLY-huawei-secret-key-not-for-production',
  SIM_IAM_DOMAIN: 'demo-only-domain',
  SIM_IAM_USERNAME: 'demo-only-user',
  SIM_IAM_PASSWORD: 'DEMO-ONLY-iam-password',
  SIM_IAM_PROJECT_NAME: 'cn-north-4',
} as const;

type SimVariable = keyof typeof DEMO_DEFAULTS;

function fail(message: string): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(2);
}

function readArgs() {
  const parsed = (() => {
    try {
      return parseArgs({
        options: {
          port: { type: 'string', default: '4010' },
          host: { type: 'string', default: '127.0.0.1' },
          seed: { type: 'string', default: '1' },
          size: { type: 'string', default: 'demo' },
          control: { type: 'boolean', default: false },
          // How long a manual HSS scan or rescan runs; end-to-end tests shorten it to watch one finish.
          'manual-scan-ms': { type: 'string', default: '180000' },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (err) {
      return fail(`${err instanceof Error ? err.message : String(err)}\nusage: tsx simulator/main.ts [--port 4010] [--seed 1] [--size demo|bench] [--control]`);
    }
  })();
  const { port, host, seed, size, control, 'manual-scan-ms': manualScanMs } = parsed.values;
  const hostName = (['127.0.0.1', '::1', '0.0.0.0'] as const).find((h) => h === host) ?? fail(`--host must be 127.0.0.1, ::1 or 0.0.0.0, got "${host}"`);
  if (!/^\d{1,9}$/.test(manualScanMs) || Number(manualScanMs) < 1_000) fail(`--manual-scan-ms must be at least 1000, got "${manualScanMs}"`);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) fail(`--port must be 0-65535, got "${port}"`);
  if (!/^\d{1,10}$/.test(seed)) fail(`--seed must be a non-negative integer, got "${seed}"`);
  const sizeName = (['demo', 'bench'] as const).find((s) => s === size) ?? fail(`--size must be demo or bench, got "${size}"`);
  return { port: Number(port), host: hostName, seed: Number(seed), size: sizeName, control, manualScanMs: Number(manualScanMs) };
}

function readCredentials(): Record<SimVariable, string> {
  const out = {} as Record<SimVariable, string>;
  const defaulted: SimVariable[] = [];
  for (const name of Object.keys(DEMO_DEFAULTS) as SimVariable[]) {
    const value = process.env[name];
    if (value) out[name] = value;
    else {
      out[name] = DEMO_DEFAULTS[name];
      defaulted.push(name);
    }
  }
  if (defaulted.length > 0) {
    process.stderr.write(`simulator: WARNING demo credentials in use for ${defaulted.join(', ')} (set them to choose your own)\n`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = readArgs();
  const env = readCredentials();
  const started = performance.now();
  const sim = await startSimulator({
    port: args.port,
    host: args.host,
    seed: args.seed,
    size: args.size,
    control: args.control,
    director: { accessKey: env.SIM_DIRECTOR_ACCESS_KEY, secretKey: env.SIM_DIRECTOR_SECRET_KEY },
    hss: { projectId: env.SIM_HSS_PROJECT_ID, ak: env.SIM_HUAWEI_AK, sk: env.SIM_HUAWEI_SK, manualScanMs: args.manualScanMs },
    iam: {
      domain: env.SIM_IAM_DOMAIN,
      username: env.SIM_IAM_USERNAME,
      password: env.SIM_IAM_PASSWORD,
      projectName: env.SIM_IAM_PROJECT_NAME,
      projectId: env.SIM_HSS_PROJECT_ID,
    },
  });
  const counts = sim.director.counts();
  process.stderr.write(
    `simulator: seed ${args.seed}, size ${args.size}: ${counts.scis} SCIs, ${counts.organizations} organizations, ` +
      `${counts.users} users, ${counts.scans} scans (ready in ${Math.round(performance.now() - started)} ms)\n`,
  );
  const sciIds = [...sim.director.store.scis.values()].map((s) => s.id);
  process.stderr.write(`simulator: each SCI is its own Tenable.sc at ${sim.url}/sci/{id} (ids ${sciIds.join(', ')}), key pair <Director key>-sci{id}\n`);
  // Launch scripts wait for exactly this line on stdout.
  process.stdout.write(`simulator listening on ${sim.url}\n`);

  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`simulator: ${signal}, closing\n`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
