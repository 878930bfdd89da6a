import 'server-only';
import { AppError, type Vendor } from '../errors';

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

const vendorNames = { hss: 'HSS', iam: 'IAM' } as const;
const networkDown = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'UND_ERR_SOCKET']);

function causeCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/**
 * The single place ScanDeck puts bytes on the wire to Huawei Cloud, so deadlines, retries or a
 * circuit breaker added later wrap every HSS and IAM call at once.
 */
export async function exchange(call: Exchange): Promise<ExchangeResult> {
  const name = vendorNames[call.vendor];
  let res: Response;
  try {
    res = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(call.timeoutMs),
      cache: 'no-store',
    });
  } catch (err) {
    const upstream = { vendor: call.vendor };
    if (isTimeout(err)) throw new AppError(504, 'upstream_timeout', `${name} did not answer within ${call.timeoutMs} ms.`, { upstream });
    const code = causeCode(err);
    if (code && networkDown.has(code)) throw new AppError(503, 'upstream_unavailable', `${name} is unreachable (${code}).`, { upstream });
    throw new AppError(503, 'upstream_unavailable', `The call to ${name} failed.`, { upstream, cause: err });
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    const upstream = { vendor: call.vendor, status: res.status, requestId };
    if (isTimeout(err)) throw new AppError(504, 'upstream_timeout', `${name} did not answer within ${call.timeoutMs} ms.`, { upstream });
    throw new AppError(502, 'upstream_error', `${name}'s answer could not be read.`, { upstream });
  }
  if (res.status >= 300 && res.status < 400) {
    throw new AppError(502, 'upstream_error', `${name} answered with a redirect, which ScanDeck does not follow.`, {
      upstream: { vendor: call.vendor, status: res.status, requestId },
    });
  }
  return { status: res.status, headers: res.headers, text, requestId };
}
