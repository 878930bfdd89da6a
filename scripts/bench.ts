// `npm run bench`: how the BFF's Director list path holds up at benchmark size (20,000 scans on the
// simulator): a cold list (one upstream call, parse, sort, page), warm pages served from the short
// cache, 50 concurrent cold callers sharing one upstream call, and the memory that costs. Prints
// figures; asserts nothing (targets are read by people, not by timed unit tests).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../simulator/server';
import { setTestEnv } from '../lib/testing/bff';

const keys = { accessKey: 'bench-access-key', secretKey: 'bench-secret-key' };
const t0 = performance.now();
const sim = await startSimulator({
  port: 0,
  size: 'bench',
  director: keys,
  hss: { projectId: 'benchproject', ak: 'BENCHAK', sk: 'bench-sk' },
  iam: { domain: 'd', username: 'u', password: 'p', projectName: 'cn-north-4', projectId: 'benchproject' },
});
const simReady = performance.now() - t0;
setTestEnv(sim.url, { DIRECTOR_ACCESS_KEY: keys.accessKey, DIRECTOR_SECRET_KEY: keys.secretKey, DIRECTOR_TIMEOUT_MS: '30000' });
const { listScans } = await import('../lib/server/director/scans');
const { listScansQuery } = await import('../lib/schemas/scan');

// Count upstream calls on undici's diagnostics channel: the upstream layer sends with undici, not fetch.
let upstreamCalls = 0;
const countCall = () => (upstreamCalls += 1);
subscribe('undici:request:create', countCall);

const query = (extra: Record<string, string>) => listScansQuery.parse({ pageSize: '50', ...extra });
const ms = (n: number) => `${n.toFixed(1)} ms`;
function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const heapBefore = process.memoryUsage().heapUsed;
let start = performance.now();
const first = await listScans(query({ sort: 'name' }));
const cold = performance.now() - start;

const warm: number[] = [];
const variants = [
  { sort: 'name', order: 'desc' },
  { sort: 'createdTime' },
  { q: 'web' },
  { q: 'pci', sort: 'organization' },
  { sciId: '2' },
  { page: '40' },
];
for (let i = 0; i < 300; i += 1) {
  const v = variants[i % variants.length] ?? {};
  start = performance.now();
  await listScans(query(v));
  warm.push(performance.now() - start);
}
const heapAfter = process.memoryUsage().heapUsed;

// A column set not asked for before: 50 callers at once, one upstream call between them.
const callsBefore = upstreamCalls;
start = performance.now();
await Promise.all(Array.from({ length: 50 }, () => listScans(query({ columns: 'name,ipList,zone' }))));
const concurrent = performance.now() - start;
const concurrentCalls = upstreamCalls - callsBefore;

console.log(`simulator (bench size) ready in ${ms(simReady)}; scans: ${first.total}`);
console.log(`cold list (upstream + parse + sort + page): ${ms(cold)}`);
console.log(`warm list, 300 calls (search/sort/filter/page on the cached list): p50 ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))}, max ${ms(Math.max(...warm))}`);
console.log(`50 concurrent cold callers: ${ms(concurrent)}, upstream calls: ${concurrentCalls}`);
console.log(`heap growth holding the cached list: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`);

unsubscribe('undici:request:create', countCall);
await sim.close();
