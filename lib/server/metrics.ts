import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process, served by /metrics. Every label comes from a fixed set (route
 * patterns, upstream names from the configuration, ScanDeck's error codes, cache names, HSS API
 * names), never from what a client sends, so the number of series cannot grow with ids or queries.
 * Held on globalThis: route bundles that each load this module still count into one registry.
 */

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Read at scrape time: the state of things that are not events (circuits, cache sizes, budget). */
interface Sources {
  upstreams: Map<string, () => { vendor: string; circuit: string }>;
  caches: Map<string, () => { entries: number; bytes?: number }>;
  hssBudget?: { remaining: () => Promise<Record<string, number>>; mode: () => string };
}

function create() {
  const registry = new Registry();
  const sources: Sources = { upstreams: new Map(), caches: new Map() };
  collectDefaultMetrics({ register: registry, prefix: 'scandeck_' });
  const registers = [registry];
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    sources,
    requests: new Counter({
      name: 'scandeck_http_requests_total',
      help: 'HTTP requests answered, by route pattern',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'scandeck_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern',
      labelNames: ['method', 'route'],
      buckets: seconds,
      registers,
    }),
    upstreamCalls: new Counter({
      name: 'scandeck_upstream_requests_total',
      help: 'Calls to an upstream (Director, an SCI, HSS, IAM), by how they ended: an HTTP status class, or failed without an answer',
      labelNames: ['upstream', 'vendor', 'result'],
      registers,
    }),
    upstreamErrors: new Counter({
      name: 'scandeck_upstream_errors_total',
      help: "Upstream calls that failed (no answer, or a 5xx), by ScanDeck's error code",
      labelNames: ['upstream', 'vendor', 'code'],
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: 'scandeck_upstream_request_duration_seconds',
      help: 'Time of an upstream call, queue and retries included',
      labelNames: ['upstream', 'vendor'],
      buckets: seconds,
      registers,
    }),
    circuit: new Gauge({
      name: 'scandeck_upstream_circuit_state',
      help: "1 for the circuit's current state (closed, open, half-open) of each upstream",
      labelNames: ['upstream', 'vendor', 'state'],
      registers,
      collect() {
        this.reset();
        for (const [upstream, read] of sources.upstreams) {
          const { vendor, circuit } = read();
          for (const state of ['closed', 'open', 'half-open']) this.set({ upstream, vendor, state }, state === circuit ? 1 : 0);
        }
      },
    }),
    cacheLookups: new Counter({
      name: 'scandeck_cache_lookups_total',
      help: 'Cache lookups, by cache and hit or miss',
      labelNames: ['cache', 'result'],
      registers,
    }),
    cacheEntries: new Gauge({
      name: 'scandeck_cache_entries',
      help: 'Entries held, by cache',
      labelNames: ['cache'],
      registers,
      collect() {
        this.reset();
        for (const [cache, read] of sources.caches) this.set({ cache }, read().entries);
      },
    }),
    cacheBytes: new Gauge({
      name: 'scandeck_cache_bytes',
      help: 'Estimated bytes held, by cache (the caches that bound their size in bytes)',
      labelNames: ['cache'],
      registers,
      collect() {
        this.reset();
        for (const [cache, read] of sources.caches) {
          const { bytes } = read();
          if (bytes !== undefined) this.set({ cache }, bytes);
        }
      },
    }),
    hssBudget: new Gauge({
      name: 'scandeck_hss_budget_remaining',
      help: 'HSS calls left now in the per-API budget (HSS_CALLS_PER_MINUTE, HSS_CALL_BURST)',
      labelNames: ['api'],
      registers,
      async collect() {
        // Read before reset: with Redis the read is a call, and a scrape must not see an empty gauge meanwhile.
        const left = Object.entries((await sources.hssBudget?.remaining()) ?? {});
        this.reset();
        for (const [api, calls] of left) this.set({ api }, calls);
      },
    }),
    hssBudgetMode: new Gauge({
      name: 'scandeck_hss_budget_mode',
      help: "1 for where the HSS call budget is kept now: local (this process; no REDIS_URL), shared (Redis, every instance), degraded (Redis unreachable: this process's own)",
      labelNames: ['mode'],
      registers,
      collect() {
        this.reset();
        const mode = sources.hssBudget?.mode();
        if (mode) for (const each of ['local', 'shared', 'degraded']) this.set({ mode: each }, each === mode ? 1 : 0);
      },
    }),
    auditSeconds: new Histogram({
      name: 'scandeck_audit_write_duration_seconds',
      help: 'Time to write to the audit trail, by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof create>;
const metricsKey = Symbol.for('scandeck.metrics');

function metrics(): Metrics {
  const holder = globalThis as { [metricsKey]?: Metrics };
  holder[metricsKey] ??= create();
  return holder[metricsKey];
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  const safeMethod = methods.has(method) ? method : 'other';
  m.requests.inc({ method: safeMethod, route, status: String(status) });
  m.requestSeconds.observe({ method: safeMethod, route }, seconds);
}

export interface UpstreamOutcome {
  upstream: string;
  vendor: string;
  seconds: number;
  /** the HTTP status the upstream answered with, if it answered */
  status?: number;
  /** ScanDeck's error code, when the call failed */
  errorCode?: string;
}

export function observeUpstream(outcome: UpstreamOutcome): void {
  const m = metrics();
  const { upstream, vendor } = outcome;
  const result = outcome.status === undefined ? 'failed' : `${Math.floor(outcome.status / 100)}xx`;
  m.upstreamCalls.inc({ upstream, vendor, result });
  m.upstreamSeconds.observe({ upstream, vendor }, outcome.seconds);
  if (outcome.errorCode) m.upstreamErrors.inc({ upstream, vendor, code: outcome.errorCode });
}

export function countCacheLookup(cache: string, isHit: boolean): void {
  metrics().cacheLookups.inc({ cache, result: isHit ? 'hit' : 'miss' });
}

/** The latest cache of a name is the one measured (a cache made again replaces the old one). */
export function registerCache(cache: string, read: () => { entries: number; bytes?: number }): void {
  metrics().sources.caches.set(cache, read);
}

export function registerUpstream(upstream: string, read: () => { vendor: string; circuit: string }): void {
  metrics().sources.upstreams.set(upstream, read);
}

export function registerHssBudget(read: NonNullable<Sources['hssBudget']>): void {
  metrics().sources.hssBudget = read;
}

export function observeAuditWrite(operation: 'append' | 'append_counted' | 'complete', isOk: boolean, seconds: number): void {
  metrics().auditSeconds.observe({ operation, outcome: isOk ? 'ok' : 'error' }, seconds);
}

/** The text /metrics serves, and its content type. */
export async function metricsText(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
