import 'server-only';
import type { Vendor } from '../errors';
import { getUpstream } from '../upstream/registry';
import type { UpstreamMethod } from '../upstream/client';

/** One HTTP exchange with Huawei Cloud (HSS or IAM): deadline, no redirects, network errors named. */
export interface Exchange {
  vendor: Extract<Vendor, 'hss' | 'iam'>;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

export interface ExchangeResult {
  status: number;
  headers: Headers;
  text: string;
  requestId: string | undefined;
}

/**
 * The single place ScanDeck puts bytes on the wire to Huawei Cloud. Deadlines, retries of reads,
 * the circuit, the size cap and refusing redirects are the shared upstream layer's (one pool and
 * circuit for HSS, another for IAM); Huawei's own error bodies are judged by the callers.
 */
export async function exchange(call: Exchange): Promise<ExchangeResult> {
  const res = await getUpstream(call.vendor).send({
    method: upstreamMethod(call.method),
    url: call.url,
    headers: call.headers,
    body: call.body,
    timeoutMs: call.timeoutMs,
  });
  const headers = new Headers(res.headers);
  return { status: res.status, headers, text: res.text, requestId: headers.get('x-request-id') ?? undefined };
}

function upstreamMethod(method: string): UpstreamMethod {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD' || upper === 'POST' || upper === 'PUT' || upper === 'PATCH' || upper === 'DELETE') return upper;
  throw new Error(`exchange: unsupported method ${method}`);
}
