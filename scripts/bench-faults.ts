// `npx tsx --conditions=react-server scripts/bench-faults.ts`: the figures quoted in
// docs/reliability.md, measured against a scripted upstream on loopback with the same upstream layer
// the app uses. Prints figures; asserts nothing (timed assertions belong to people, not unit tests).
import { performance } from 'node:perf_hooks';
import { createUpstream, type UpstreamConfig } from '../lib/server/upstream/client';
import { envelope, faults, startScriptedUpstream } from '../lib/testing/scripted-upstream';

const up = await startScriptedUpstream();
const other = await startScriptedUpstream();
const made: Array<{ close(): Promise<void> }> = [];
const upstream = (o: Partial<UpstreamConfig> = {}) => {
  const u = createUpstream({
    vendor: 'director',
    label: 'Director',
    timeoutMs: 1_000,
    connectTimeoutMs: 500,
    maxBodyBytes: 20 * 1024 * 1024,
    retries: 2,
    circuitThreshold: 1_000_000,
    circuitOpenMs: 30_000,
    ...o,
  });
  made.push(u);
  return u;
};
let n = 0;
const get = (u: ReturnType<typeof upstream>, path: string, base = up.url) =>
  u.send({ method: 'GET', url: new URL(`${base}${path}`), headers: {}, requestId: `b-${++n}` });
const settle = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'error',
  );
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const timed = async <T>(fn: () => Promise<T>) => {
  const s = performance.now();
  const out = await fn();
  return { out, ms: performance.now() - s };
};
console.log(`node ${process.version}, ${new Date().toISOString()}`);

// 1. Overhead of the layer on a healthy upstream.
up.script.set('/ok', faults.status(200, envelope([{ id: '1' }])));
const healthy = upstream({ maxConcurrency: 2 });
const lat: number[] = [];
for (let i = 0; i < 2_000; i++) lat.push((await timed(() => get(healthy, '/ok'))).ms);
console.log(`healthy GET, 2000 sequential: p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))}`);

// 2. Deadline on a hung upstream (1000 ms deadline).
up.script.set('/hang', faults.hang());
const hung = upstream({ retries: 0 });
const hangTimes: number[] = [];
for (let i = 0; i < 20; i++) hangTimes.push((await timed(() => settle(get(hung, '/hang')))).ms);
console.log(`hung upstream, deadline 1000 ms: answer after p50 ${ms(pct(hangTimes, 50))}, max ${ms(Math.max(...hangTimes))}`);

// 3. 500 hung requests at once, then open sockets on the scripted server.
const wide = upstream({ vendor: 'hss', label: 'HSS', timeoutMs: 500, retries: 0 });
const burst = await timed(() => Promise.all(Array.from({ length: 500 }, () => settle(get(wide, '/hang')))));
const codes = new Set(burst.out);
let waited = 0;
while (up.openSockets() > 0 && waited < 5_000) {
  await new Promise((r) => setTimeout(r, 20));
  waited += 20;
}
console.log(
  `500 hung requests (deadline 500 ms): all ended in ${ms(burst.ms)} as ${[...codes].join(',')}; open sockets after ${waited} ms: ${up.openSockets()}`,
);

// 4. Circuit: fail-fast latency while open.
up.script.set('/down', faults.status(500, 'down'));
const tripping = upstream({ circuitThreshold: 5, retries: 0 });
for (let i = 0; i < 5; i++) await get(tripping, '/down');
const fast: number[] = [];
for (let i = 0; i < 10_000; i++) fast.push((await timed(() => settle(get(tripping, '/down')))).ms);
console.log(
  `open circuit (after 5 failures): 10000 refusals, p50 ${ms(pct(fast, 50))}, p99 ${ms(pct(fast, 99))}, upstream hits during: ${up.seen.filter((s) => s.path === '/down').length - 5}`,
);

// 5. Retry-After honoured on a GET.
let calls = 0;
up.script.set('/busy', (req, res) => {
  calls += 1;
  (calls === 1 ? faults.status(503, envelope('', 1, 'busy'), { 'retry-after': '1' }) : faults.status(200, envelope([])))(req, res);
});
const retried = await timed(() => get(upstream({ timeoutMs: 5_000 }), '/busy'));
console.log(`503 + Retry-After: 1 then 200: GET answered ${retried.out.status} after ${ms(retried.ms)} (${calls} attempts)`);

// 6. Director cap: 50 callers, 50 ms each.
up.script.set('/slow', faults.slow(50));
up.resetCounters();
const capped = upstream({ maxConcurrency: 2, timeoutMs: 5_000 });
const queue = await timed(() => Promise.all(Array.from({ length: 50 }, () => settle(get(capped, '/slow')))));
console.log(`Director cap 2, 50 callers x 50 ms: most in flight at Director ${up.maxInFlight()}, all done in ${ms(queue.ms)}`);

// 7. Isolation: HSS latency while Director hangs with 100 calls pending.
const director = upstream({ maxConcurrency: 2, timeoutMs: 3_000, retries: 0 });
const hss = upstream({ vendor: 'hss', label: 'HSS' });
const pending = Array.from({ length: 100 }, () => settle(get(director, '/hang')));
const iso: number[] = [];
for (let i = 0; i < 200; i++) iso.push((await timed(() => get(hss, '/ok', other.url))).ms);
console.log(`HSS while Director hangs (100 pending): p50 ${ms(pct(iso, 50))}, p99 ${ms(pct(iso, 99))}`);
await Promise.all(pending);

// 8. 50 MB body against the 20 MB cap.
for (const declared of [false, true]) {
  up.script.set('/huge', faults.huge(50 * 1024 * 1024, declared));
  const rss = process.memoryUsage().rss;
  const big = await timed(() => settle(get(upstream({ timeoutMs: 10_000, retries: 0 }), '/huge')));
  console.log(
    `50 MB body (${declared ? 'Content-Length' : 'streamed'}): ${big.out} after ${ms(big.ms)}, RSS growth ${((process.memoryUsage().rss - rss) / 1048576).toFixed(1)} MiB`,
  );
}

await Promise.all(made.map((u) => u.close()));
await up.close();
await other.close();
