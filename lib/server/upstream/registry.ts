import 'server-only';
import { getEnv } from '../env';
import type { Vendor } from '../errors';
import { createUpstream, type Upstream, type UpstreamStatus } from './client';

const upstreams = new Map<Vendor, Upstream>();
const labels: Record<Vendor, string> = { director: 'Director', hss: 'HSS', iam: 'IAM' };
const hssDefaultTimeoutMs = 15_000;

function build(vendor: Vendor): Upstream {
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
    // An on-premises Huawei Cloud Stack signs HSS and IAM with the same private CA.
    ...(u.hss.caFile ? { ca: { file: u.hss.caFile, variable: 'HSS_CA_FILE' } } : {}),
  });
}

/**
 * The process-wide client of one upstream. Each has its own pool, circuit and queue, so one
 * upstream hanging or down never slows calls to another.
 */
export function getUpstream(vendor: Vendor): Upstream {
  let upstream = upstreams.get(vendor);
  if (!upstream) {
    upstream = build(vendor);
    upstreams.set(vendor, upstream);
  }
  return upstream;
}

/** What calls so far say about an upstream, without calling it. */
export function upstreamStatus(vendor: Vendor): UpstreamStatus {
  return getUpstream(vendor).status();
}
