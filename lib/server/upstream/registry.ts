import 'server-only';
import { getEnv } from '../env';
import type { Vendor } from '../errors';
import { sciConnectionsVariable, type SciConnection } from '../sci/connections';
import { createUpstream, type Upstream, type UpstreamStatus } from './client';
import { processSingleton } from '../process-singletons';

type SharedVendor = Exclude<Vendor, 'sci'>;
/** One client per upstream in the process (see process-singletons.ts), so every route shares its pool and circuit. */
const upstreams = () => processSingleton('upstreams', () => new Map<SharedVendor, Upstream>());
const sciUpstreams = () => processSingleton('sciUpstreams', () => new Map<number, Upstream>());
const labels: Record<SharedVendor, string> = { director: 'Director', hss: 'HSS', iam: 'IAM' };
const hssDefaultTimeoutMs = 15_000;

function build(vendor: SharedVendor): Upstream {
  const env = getEnv();
  const { upstream: u } = env;
  const shared = {
    vendor,
    label: labels[vendor],
    retries: u.retries,
    circuitThreshold: u.circuitThreshold,
    circuitOpenMs: u.circuitOpenMs,
  };
  if (vendor === 'director') {
    return createUpstream({
      ...shared,
      timeoutMs: env.director.timeoutMs,
      connectTimeoutMs: u.director.connectTimeoutMs,
      // Tenable advises against parallel API use: a few calls at once, the rest wait their turn.
      maxConcurrency: u.director.maxConcurrency,
      maxBodyBytes: u.director.maxBodyBytes,
      ...(u.director.caFile ? { ca: { file: u.director.caFile, variable: 'DIRECTOR_CA_FILE' } } : {}),
    });
  }
  return createUpstream({
    ...shared,
    timeoutMs: env.hss?.timeoutMs ?? hssDefaultTimeoutMs,
    connectTimeoutMs: u.hss.connectTimeoutMs,
    maxBodyBytes: u.hss.maxBodyBytes,
    // HSS allows few calls a minute per API: a throttle answer is final here and goes to the budget.
    ...(vendor === 'hss' ? { retriesThrottled: false } : {}),
    // An on-premises Huawei Cloud Stack signs HSS and IAM with the same private CA.
    ...(u.hss.caFile ? { ca: { file: u.hss.caFile, variable: 'HSS_CA_FILE' } } : {}),
  });
}

/**
 * The process-wide client of one upstream. Each has its own pool, circuit and queue, so one
 * upstream hanging or down never slows calls to another.
 */
export function getUpstream(vendor: SharedVendor): Upstream {
  let upstream = upstreams().get(vendor);
  if (!upstream) {
    upstream = build(vendor);
    upstreams().set(vendor, upstream);
  }
  return upstream;
}

/** What calls so far say about an upstream, without calling it. */
export function upstreamStatus(vendor: SharedVendor): UpstreamStatus {
  return getUpstream(vendor).status();
}

/** How messages name one Tenable.sc instance. */
export const sciLabel = (sciId: number) => `SCI ${sciId}`;

/**
 * The client of one Tenable.sc instance: its own pool, circuit and cap on calls in flight, so one
 * instance down or slow never delays calls to Director or to another instance.
 */
export function getSciUpstream(connection: SciConnection): Upstream {
  let upstream = sciUpstreams().get(connection.id);
  if (!upstream) {
    const { upstream: u } = getEnv();
    const where = `${sciConnectionsVariable} (SCI ${connection.id})`;
    upstream = createUpstream({
      vendor: 'sci',
      label: sciLabel(connection.id),
      retries: u.retries,
      circuitThreshold: u.circuitThreshold,
      circuitOpenMs: u.circuitOpenMs,
      timeoutMs: connection.timeoutMs,
      connectTimeoutMs: connection.connectTimeoutMs,
      maxConcurrency: connection.maxConcurrency,
      maxBodyBytes: u.director.maxBodyBytes,
      caSetting: `caFile of SCI ${connection.id} in ${sciConnectionsVariable}`,
      ...(connection.caFile ? { ca: { file: connection.caFile, variable: `the caFile of ${where}` } } : {}),
    });
    sciUpstreams().set(connection.id, upstream);
  }
  return upstream;
}
