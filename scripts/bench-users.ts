// `npx tsx --conditions=react-server scripts/bench-users.ts`: the users and organizations list
// paths at benchmark size (100,000 users on the simulator): a cold list, warm pages from the short
// cache, an administrators-of-one-SCI filter and the organizations list. Prints figures only.
// It prints the whole-list answer's size beside the DIRECTOR_MAX_BODY_BYTES default it must fit.
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../simulator/server';
import { setTestEnv } from '../lib/testing/bff';

const keys = { accessKey: 'bench-access-key', secretKey: 'bench-secret-key' };
const sim = await startSimulator({
  port: 0,
  size: 'bench',
  director: keys,
  hss: { projectId: 'benchproject', ak: 'BENCHAK', sk: 'bench-sk' },
  iam: { domain: 'd', username: 'u', password: 'p', projectName: 'cn-north-4', projectId: 'benchproject' },
});
setTestEnv(sim.url, {
  DIRECTOR_ACCESS_KEY: keys.accessKey,
  DIRECTOR_SECRET_KEY: keys.secretKey,
  DIRECTOR_TIMEOUT_MS: '30000',
});
const { listUsers } = await import('../lib/server/director/users');
const { listUsersQuery } = await import('../lib/schemas/user');
const { listOrganizations } = await import('../lib/server/director/organizations');
const { listOrganizationsQuery } = await import('../lib/schemas/organization');

const ms = (n: number) => `${n.toFixed(1)} ms`;
async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}
const columns = 'username,firstname,lastname,email,sci,organization,role,group';
const users = (extra: Record<string, string>) => listUsersQuery.parse({ pageSize: '25', columns, ...extra });

const fields = 'username,firstname,lastname,email';
const whole = await fetch(`${sim.url}/rest/mgmt/user?fields=${fields}`, {
  headers: { 'x-apikey': `accesskey=${keys.accessKey}; secretkey=${keys.secretKey};` },
});
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const wholeBytes = (await whole.arrayBuffer()).byteLength;
const adminBytes = (
  await (
    await fetch(`${sim.url}/rest/mgmt/user?fields=${fields}&orgID=0`, {
      headers: { 'x-apikey': `accesskey=${keys.accessKey}; secretkey=${keys.secretKey};` },
    })
  ).arrayBuffer()
).byteLength;

const [all, cold] = await time(() => listUsers(users({ sort: 'username' })));
const warm: number[] = [];
const variants: Array<Record<string, string>> = [{ sort: 'lastname', order: 'desc' }, { q: 'smith' }, { page: '2000' }, { sort: 'organization' }];
for (const extra of variants) {
  warm.push((await time(() => listUsers(users(extra))))[1]);
}
const sciId = String([...sim.director.store.scis.values()][0]!.id);
const [admins, adminsCold] = await time(() => listUsers(users({ sciId, orgId: '0' })));
const [orgs, orgsCold] = await time(() =>
  listOrganizations(listOrganizationsQuery.parse({ columns: 'name,sci,description,userCount,vulnScoringSystem,createdTime,modifiedTime' })),
);
console.log(
  `users: Director's whole answer for the default columns is ${mib(wholeBytes)} (DIRECTOR_MAX_BODY_BYTES default 96 MiB); administrators only: ${mib(adminBytes)}`,
);
console.log(`users: ${all.total} rows; cold list (upstream + parse + sort + page) ${ms(cold)}`);
console.log(`users: warm pages from the cache ${warm.map(ms).join(', ')}`);
console.log(`users: administrators of SCI ${sciId}: ${admins.total} rows, cold ${ms(adminsCold)}`);
console.log(`organizations: ${orgs.total} rows with user counts, cold ${ms(orgsCold)}`);
await sim.close();
