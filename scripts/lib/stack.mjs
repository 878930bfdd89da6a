// Starts ScanDeck on the built-in simulator: shared by `npm run demo` and the end-to-end tests,
// so both run the same thing a person runs.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ssoGroups, startOidcProvider } from './oidc-provider.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const children = new Set();

/** Ends every process this module started; called on exit and on signals. */
export function stopAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on('exit', stopAll);

function secret(bytes = 24) {
  return randomBytes(bytes).toString('base64url');
}

/** A value kept in the data directory, made once, so sessions survive a restart of the demo. */
function persistentSecret(dataDir, name) {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = secret(32);
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Writes (or replaces) users in a users file through the product's own `user:add` command, so the
 * demo and the tests hash passwords exactly as an operator's file is hashed.
 */
export function addUsers(file, users) {
  for (const user of users) {
    const result = spawnSync(
      bin('tsx'),
      ['--conditions=react-server', join(root, 'scripts', 'user-add.ts'), '--file', file, '--username', user.username, '--role', user.role],
      { cwd: root, input: `${user.password}\n`, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`user:add failed for ${user.username}: ${result.stderr || result.stdout}`);
    }
  }
}

/**
 * Resolves with the first match of `pattern` in the child's output. Every listener goes once it has
 * its answer: a listener left on would keep every later line of a long run (the server logs one per
 * request) in `buffer` and search the whole of it again on each chunk, a cost that grows with the run
 * and lands on whatever this process does next (the bench's client measured its own backlog).
 */
export function waitForLine(child, pattern, label, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const stop = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${label} did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        stop();
        resolvePromise(match);
      }
    };
    const onExit = (code) => {
      stop();
      reject(new Error(`${label} exited with code ${code} before it was ready:\n${buffer.slice(-2000)}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

function start(command, args, env, label, { quiet, logFile }) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (logFile) {
    child.stdout.on('data', (d) => appendFileSync(logFile, prefix(label, d)));
    child.stderr.on('data', (d) => appendFileSync(logFile, prefix(label, d)));
  }
  if (!quiet) {
    child.stdout.on('data', (d) => process.stdout.write(prefix(label, d)));
    child.stderr.on('data', (d) => process.stderr.write(prefix(label, d)));
  }
  return child;
}

function prefix(label, data) {
  return data
    .toString()
    .split('\n')
    .map((line, i, all) => (i === all.length - 1 && line === '' ? '' : `[${label}] ${line}`))
    .join('\n');
}

export function build(env = process.env) {
  const result = spawnSync(bin('next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build failed');
}

/**
 * Asks the simulated Director for its SCIs and writes a 0600 SCI_CONNECTIONS_FILE connecting all
 * of them but the last, so both states of a security-manager section can be seen. Each simulated
 * SCI answers under `/sci/{id}` with its own key pair, `<Director key>-sci<id>` (simulator/sci).
 */
async function writeSciConnections(simUrl, creds, file) {
  const res = await fetch(`${simUrl}/rest/sci`, {
    headers: { 'x-apikey': `accesskey=${creds.directorAccessKey}; secretkey=${creds.directorSecretKey};` },
  });
  const body = await res.json();
  if (body.error_code !== 0 || !Array.isArray(body.response)) throw new Error(`the simulator's SCI list failed: ${body.error_msg}`);
  const ids = body.response.map((s) => Number(s.id)).sort((a, b) => a - b);
  const connected = ids.slice(0, -1);
  const scis = connected.map((id) => ({
    id,
    url: `${simUrl}/sci/${id}`,
    accessKey: `${creds.directorAccessKey}-sci${id}`,
    secretKey: `${creds.directorSecretKey}-sci${id}`,
  }));
  writeFileSync(file, `${JSON.stringify({ scis }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { file, connected, unconnected: ids.slice(-1), secrets: scis.flatMap((s) => [s.accessKey, s.secretKey]) };
}

/**
 * Starts the seeded simulator with fresh random credentials; answers its URL, the process and the
 * credentials an app needs to call it (`startApp`).
 * @param {{ simPort: number, seed?: number, size?: string, control?: boolean, manualScanMs?: number, quiet?: boolean, logFile?: string }} options
 */
export async function startSimulator(options) {
  const { simPort, quiet = false, logFile } = options;
  const creds = {
    directorAccessKey: secret(),
    directorSecretKey: secret(),
    projectId: randomBytes(16).toString('hex'),
    ak: secret(15)
      .replace(/[^A-Za-z0-9]/g, 'X')
      .toUpperCase(),
    sk: secret(30),
  };
  const simArgs = [join(root, 'simulator', 'main.ts'), '--port', String(simPort), '--seed', String(options.seed ?? 1)];
  if (options.size) simArgs.push('--size', options.size);
  if (options.control) simArgs.push('--control');
  if (options.manualScanMs) simArgs.push('--manual-scan-ms', String(options.manualScanMs));
  const simEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SIM_DIRECTOR_ACCESS_KEY: creds.directorAccessKey,
    SIM_DIRECTOR_SECRET_KEY: creds.directorSecretKey,
    SIM_HSS_PROJECT_ID: creds.projectId,
    SIM_HUAWEI_AK: creds.ak,
    SIM_HUAWEI_SK: creds.sk,
    // The console signs HSS calls with AK/SK here; IAM still gets its own random account, never a default.
    SIM_IAM_DOMAIN: 'scandeck-demo',
    SIM_IAM_USERNAME: 'scandeck',
    SIM_IAM_PASSWORD: secret(),
    SIM_IAM_PROJECT_NAME: 'cn-north-4',
  };
  const sim = start(bin('tsx'), simArgs, simEnv, 'simulator', { quiet, logFile });
  const [, simUrl] = await waitForLine(sim, /simulator listening on (http:\/\/\S+)/, 'the simulator', 30_000);
  return { sim, simUrl, creds };
}

/**
 * Starts the simulator and `next start` wired to it.
 * @param {{ appPort: number, simPort: number, dataDir: string, usersFile: string, seed?: number,
 *   size?: string, control?: boolean, manualScanMs?: number, quiet?: boolean, logFile?: string, extraEnv?: Record<string,string>,
 *   standaloneDir?: string,
 *   sso?: { users: ReturnType<typeof import('./oidc-provider.mjs').ssoUsers>, port?: number } }} options
 * With `standaloneDir` (a copy of the build's standalone output, see e2e/standalone.spec.ts) the app
 * is started as the container image starts it, `node server.js` there, instead of `next start`.
 * With `sso`, a real OpenID provider (scripts/lib/oidc-provider.mjs) is started first and ScanDeck
 * signs in through it, its groups mapped to roles as ssoGroups says.
 */
export async function startStack(options) {
  mkdirSync(options.dataDir, { recursive: true });
  const simulator = await startSimulator(options);
  const app = await startApp({ ...options, simulator });
  return { ...app, simUrl: simulator.simUrl, sim: simulator.sim };
}

/**
 * Starts `next start` on a running simulator (`startSimulator`). Several apps may share one
 * simulator, as several instances share one Director and one HSS behind a load balancer.
 * @param {{ appPort: number, dataDir: string, usersFile: string, simulator: Awaited<ReturnType<typeof startSimulator>>,
 *   quiet?: boolean, logFile?: string, extraEnv?: Record<string,string>, standaloneDir?: string,
 *   sso?: { users: ReturnType<typeof import('./oidc-provider.mjs').ssoUsers>, port?: number } }} options
 */
export async function startApp(options) {
  const { appPort, dataDir, usersFile, quiet = false, logFile } = options;
  const { simUrl, creds } = options.simulator;
  mkdirSync(dataDir, { recursive: true });
  const scis = await writeSciConnections(simUrl, creds, join(dataDir, 'sci-connections.json'));

  const appUrl = `http://localhost:${appPort}`;
  let sso;
  const ssoEnv = {};
  if (options.sso) {
    const clientSecret = secret(32);
    const provider = await startOidcProvider({
      port: options.sso.port ?? 0,
      clientId: 'scandeck',
      clientSecret,
      redirectUris: [`${appUrl}/api/auth/callback/oidc`],
      users: options.sso.users,
    });
    sso = { issuer: provider.issuer, clientSecret, close: provider.close };
    Object.assign(ssoEnv, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'scandeck',
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_DISPLAY_NAME: 'Example IdP',
      OIDC_ADMIN_GROUPS: ssoGroups.admin,
      OIDC_VIEWER_GROUPS: ssoGroups.viewer,
    });
  }
  const appEnv = {
    // As the image sets it (Dockerfile): large reads' buffers go back to the system when freed.
    MALLOC_MMAP_THRESHOLD_: '65536',
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(appPort),
    DIRECTOR_URL: simUrl,
    DIRECTOR_ACCESS_KEY: creds.directorAccessKey,
    DIRECTOR_SECRET_KEY: creds.directorSecretKey,
    HSS_ENDPOINT: simUrl,
    HSS_PROJECT_ID: creds.projectId,
    HUAWEI_AK: creds.ak,
    HUAWEI_SK: creds.sk,
    DASHBOARD_USERS_FILE: usersFile,
    AUTH_SECRET: persistentSecret(dataDir, 'auth-secret'),
    NEXTAUTH_URL: appUrl,
    // The audit trail lives with the rest of this stack's state, so demo and e2e runs keep their own.
    SCANDECK_DATA_DIR: dataDir,
    SCI_CONNECTIONS_FILE: scis.file,
    ...ssoEnv,
    ...(options.extraEnv ?? {}),
  };
  const app = options.standaloneDir
    ? start(process.execPath, [join(options.standaloneDir, 'server.js')], { ...appEnv, HOSTNAME: '127.0.0.1' }, 'app', { quiet, logFile })
    : start(bin('next'), ['start', '--port', String(appPort), '--hostname', '127.0.0.1'], appEnv, 'app', { quiet, logFile });
  await waitForLine(app, /Ready in|started server on|Local:/i, 'ScanDeck', 60_000);
  // Every credential this stack holds, for the tests that prove none of them reaches a browser or a log.
  const secrets = [
    creds.directorAccessKey,
    creds.directorSecretKey,
    creds.ak,
    creds.sk,
    appEnv.AUTH_SECRET,
    ...scis.secrets,
    ...(sso ? [sso.clientSecret] : []),
  ];
  return { appUrl, app, secrets, sso, scis: { connected: scis.connected, unconnected: scis.unconnected } };
}
