// `npm run demo`: builds ScanDeck, starts the built-in simulator of Director, HSS and IAM, and serves
// the console on it, with two demo users whose passwords are printed below, and a real OpenID
// provider whose users (signed in by their groups, or refused) are printed too.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ssoUsers } from './lib/oidc-provider.mjs';
import { addUsers, build, root, startStack } from './lib/stack.mjs';

const appPort = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 4010);
const dataDir = join(root, '.data', 'demo');
const usersFile = join(dataDir, 'users.json');

// Fresh passwords every start: the demo never ships a known password.
const users = [
  { username: 'admin', role: 'admin', password: randomBytes(9).toString('base64url') },
  { username: 'viewer', role: 'viewer', password: randomBytes(9).toString('base64url') },
];

if (process.env.SKIP_BUILD !== '1' || !existsSync(join(root, '.next', 'BUILD_ID'))) {
  console.log('Building ScanDeck (next build)…');
  build();
}
mkdirSync(dataDir, { recursive: true });
addUsers(usersFile, users);

// The organization's identity provider, played by a real OpenID provider on loopback.
const providerUsers = ssoUsers();
const { appUrl, sso } = await startStack({
  appPort,
  simPort,
  dataDir,
  usersFile,
  size: process.env.SIM_SIZE,
  sso: { users: providerUsers, port: Number(process.env.OIDC_PORT ?? 4020) },
  // The console's own log is one JSON line per request: the demo's terminal shows warnings and
  // errors only, unless LOG_LEVEL asks for more.
  extraEnv: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
const ssoRole = (u) =>
  u.groups === undefined
    ? 'refused: the provider sends no groups for this user'
    : u.groups.includes('scandeck-admins')
      ? 'admin'
      : u.groups.includes('scandeck-viewers')
        ? 'viewer'
        : 'refused: in no ScanDeck group';

console.log(`
  ScanDeck is running on the built-in simulator: ${appUrl}

    admin   ${users[0].password}   (can create and delete)
    viewer  ${users[1].password}   (read only)

  Or "Sign in with Example IdP" (an OpenID provider at ${sso.issuer}):

${providerUsers.map((u) => `    ${u.username.padEnd(7)} ${u.password}   (${ssoRole(u)})`).join('\n')}

  Passwords are new at every start. Ctrl+C stops everything.
`);
