import 'server-only';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import type { ErrorCode } from '@/lib/schemas/common';
import { AppError, type Vendor } from '../errors';
import { logger } from '../log';
import { observeUpstream, registerUpstream } from '../metrics';
import { createBreaker, type CircuitState } from './breaker';
import { createLimiter } from './limiter';

export type UpstreamMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UpstreamConfig {
  vendor: Vendor;
  /** how people name it in messages: "Director", "HSS", "IAM" */
  label: string;
  /** the whole call: waiting in the queue, every attempt and the pauses between them */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** calls in flight at once; the rest wait in order within their deadline (undefined: no cap) */
  maxConcurrency?: number;
  /** PEM file of an extra CA to trust, and the variable that named it (for the error message) */
  ca?: { file: string; variable: string };
  /** where a CA for this upstream is configured, for the message when its certificate is not trusted */
  caSetting?: string;
  maxBodyBytes: number;
  /** extra attempts for idempotent reads */
  retries: number;
  /**
   * Whether a 429 on a read is retried after its Retry-After. HSS's is not: its calls are budgeted
   * per API, and a throttle answer goes back to the budget (cached answer or 429), not round again.
   */
  retriesThrottled?: boolean;
  circuitThreshold: number;
  circuitOpenMs: number;
  /** first pause between attempts; doubles each time */
  backoffMs?: number;
}

export interface UpstreamRequest {
  method: UpstreamMethod;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** ScanDeck's id of this call when the transport sends one (Director); quoted in every error */
  requestId?: string;
  /** a shorter deadline than the upstream's (e.g. a health probe); never a longer one */
  timeoutMs?: number;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  /** the body decoded as UTF-8, on first read (an answer compared by its bytes alone is never decoded) */
  readonly text: string;
  /**
   * The body as received, in the pieces it came in: a body of unknown length is never joined
   * unless decoded. Fresh memory is slow to touch on some machines (~2.5 ms per MiB on this
   * project's VMs), and joining an SCI's 7 MB of users held the thread that serves pages for 20–35 ms.
   */
  readonly body: readonly Buffer[];
  /** the body's length in bytes */
  readonly size: number;
}

export interface UpstreamStatus {
  vendor: Vendor;
  /** null until the first call */
  reachable: boolean | null;
  /** when `reachable` last changed (ISO time) */
  since: string | null;
  circuit: CircuitState;
  /** ScanDeck's error code of the last failure, while unreachable */
  lastError?: ErrorCode;
  inFlight: number;
  queued: number;
}

/**
 * What one attempt ended with. `down` counts against the circuit; `answered` proves the host is
 * alive even though the answer is refused (redirect, oversized body); `neutral` says nothing about
 * the upstream (bad certificate, our own queue).
 */
type Verdict = 'down' | 'answered' | 'neutral';

class Fault {
  constructor(
    readonly error: AppError,
    readonly verdict: Verdict,
    readonly isRetryable: boolean,
  ) {}
}

const idempotent = new Set<UpstreamMethod>(['GET', 'HEAD']);
const retryableStatus = new Set([429, 502, 503, 504]);
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
/** Retry-After beyond this is not waited for: the call fails and the circuit takes over */
const maxRetryAfterMs = 30_000;

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
  }
  return undefined;
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^[0-9]+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * One upstream host: its own connection pool (so a host that hangs cannot take the other's
 * sockets), deadline, retry policy, circuit and, for Director, a cap on calls in flight. It moves
 * bytes and judges availability; the vendor transport judges what the bytes mean.
 */
export function createUpstream(config: UpstreamConfig) {
  const { label, vendor } = config;
  const backoffMs = config.backoffMs ?? 200;
  const isRetryableStatus = (status: number) => retryableStatus.has(status) && (status !== 429 || config.retriesThrottled !== false);
  const limiter = config.maxConcurrency === undefined ? undefined : createLimiter(config.maxConcurrency);
  const state: { reachable: boolean | null; since: string | null; lastError?: ErrorCode } = { reachable: null, since: null };
  let agent: Agent | undefined;

  const breaker = createBreaker({
    threshold: config.circuitThreshold,
    openMs: config.circuitOpenMs,
    onChange: (next) => logger().warn({ event: 'circuit', upstream: label, vendor, circuit: next }, `${label} circuit ${next}`),
  });
  registerUpstream(label, () => ({ vendor, circuit: breaker.state }));

  const mark = (reachable: boolean, code?: ErrorCode) => {
    if (state.reachable !== reachable) {
      state.reachable = reachable;
      state.since = new Date().toISOString();
    }
    state.lastError = reachable ? undefined : code;
  };

  const fail = (status: number, code: ErrorCode, message: string, requestId: string | undefined, extra: { status?: number; cause?: unknown } = {}) =>
    new AppError(status, code, message, {
      upstream: { vendor, ...(requestId === undefined ? {} : { requestId }), ...(extra.status === undefined ? {} : { status: extra.status }) },
      cause: extra.cause,
    });

  const timeoutOf = (req: UpstreamRequest) => Math.min(req.timeoutMs ?? config.timeoutMs, config.timeoutMs);

  function dispatcher(requestId: string | undefined): Dispatcher {
    if (agent) return agent;
    let ca: string[] | undefined;
    if (config.ca) {
      try {
        // Added to the public roots rather than replacing them, so a custom CA never narrows trust elsewhere.
        ca = [...rootCertificates, readFileSync(config.ca.file, 'utf8')];
      } catch {
        throw new Fault(fail(500, 'internal', `${config.ca.variable} cannot be read; check the path.`, requestId), 'neutral', false);
      }
    }
    agent = new Agent({
      connect: { timeout: config.connectTimeoutMs, rejectUnauthorized: true, ...(ca ? { ca } : {}) },
      connections: config.maxConcurrency ?? 32,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      keepAliveTimeout: 4_000,
    });
    return agent;
  }

  function classify(err: unknown, deadline: AbortSignal, requestId: string | undefined, status?: number, timeoutMs = config.timeoutMs): Fault {
    if (err instanceof Fault) return err;
    const code = errorCode(err);
    if (deadline.aborted || (code && timeoutCodes.has(code))) {
      return new Fault(fail(504, 'upstream_timeout', `${label} did not answer within ${timeoutMs} ms.`, requestId, { status }), 'down', false);
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new Fault(
        fail(503, 'upstream_unavailable', `${label} did not accept a connection within ${config.connectTimeoutMs} ms.`, requestId),
        'down',
        true,
      );
    }
    if (code && tlsCodes.has(code)) {
      const hint = config.ca
        ? `check ${config.ca.variable}`
        : `set ${config.caSetting ?? (vendor === 'director' ? 'DIRECTOR_CA_FILE' : 'HSS_CA_FILE')} to the CA that signed it`;
      return new Fault(fail(502, 'upstream_error', `${label}'s TLS certificate is not trusted (${code}); ${hint}.`, requestId), 'neutral', false);
    }
    if (code && unreachableCodes.has(code)) {
      return new Fault(fail(503, 'upstream_unavailable', `${label} is unreachable (${code}).`, requestId), 'down', true);
    }
    if (code && resetCodes.has(code)) {
      return new Fault(
        fail(502, 'upstream_error', `${label} closed the connection before a full answer.`, requestId, { status }),
        'down',
        status === undefined,
      );
    }
    return new Fault(fail(502, 'upstream_error', `The call to ${label} failed.`, requestId, { status, cause: err }), 'down', false);
  }

  async function attempt(req: UpstreamRequest, deadline: AbortSignal): Promise<UpstreamResponse> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: deadline,
        dispatcher: dispatcher(req.requestId),
      });
    } catch (err) {
      throw classify(err, deadline, req.requestId, undefined, timeoutOf(req));
    }
    const status = res.statusCode;
    // Errors after we stop reading (abort, destroy) have nobody left to hear them.
    res.body.on('error', () => {});
    try {
      if (status >= 300 && status < 400) {
        throw new Fault(
          fail(502, 'upstream_error', `${label} answered with a redirect, which ScanDeck does not follow.`, req.requestId, { status }),
          'answered',
          false,
        );
      }
      const tooLarge = () =>
        new Fault(
          fail(502, 'upstream_error', `${label} sent an answer larger than ${config.maxBodyBytes} bytes.`, req.requestId, { status }),
          'answered',
          false,
        );
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > config.maxBodyBytes) throw tooLarge();
      // With a declared length the body is copied into one buffer as it comes, so a 40 MiB list
      // does not hold its chunks and their concatenation at once; otherwise chunks are joined at the end.
      const whole = Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (size + chunk.length > config.maxBodyBytes) throw tooLarge();
        // A body longer than declared keeps its excess in chunks, after the full buffer.
        const copied = whole && size < whole.length ? chunk.copy(whole, size) : 0;
        if (copied < chunk.length) chunks.push(copied === 0 ? chunk : chunk.subarray(copied));
        size += chunk.length;
      }
      const body = !whole ? chunks : chunks.length === 0 ? [whole.subarray(0, size)] : [whole, ...chunks];
      let text: string | undefined;
      return {
        status,
        headers: flatHeaders(res.headers),
        body,
        size,
        get text() {
          text ??= (body.length === 1 ? (body[0] as Buffer) : Buffer.concat(body, size)).toString('utf8');
          return text;
        },
      };
    } catch (err) {
      // Destroying (not draining) the body closes the socket, so nothing unread stays buffered.
      res.body.destroy();
      throw classify(err, deadline, req.requestId, status, timeoutOf(req));
    }
  }

  async function attempts(req: UpstreamRequest, deadline: AbortSignal, endsAt: number): Promise<UpstreamResponse> {
    const mayRetry = idempotent.has(req.method);
    for (let n = 0; ; n++) {
      let release: () => void;
      try {
        release = limiter ? await limiter.acquire(deadline) : () => {};
      } catch {
        const ahead = limiter ? ` (${limiter.active} in flight, ${limiter.queued} waiting)` : '';
        throw new Fault(fail(504, 'upstream_timeout', `${label} did not answer within ${timeoutOf(req)} ms${ahead}.`, req.requestId), 'neutral', false);
      }
      let res: UpstreamResponse | undefined;
      let fault: Fault | undefined;
      try {
        res = await attempt(req, deadline);
      } catch (err) {
        fault = err instanceof Fault ? err : classify(err, deadline, req.requestId, undefined, timeoutOf(req));
      } finally {
        release();
      }
      const isRetryable = fault ? fault.isRetryable : isRetryableStatus(res!.status);
      if (!mayRetry || n >= config.retries || !isRetryable) {
        if (fault) throw fault;
        return res!;
      }
      const pause = Math.min(parseRetryAfter(res?.headers['retry-after']) ?? backoffMs * 2 ** n, maxRetryAfterMs);
      // A pause that would eat the rest of the deadline is not worth it: answer now.
      if (Date.now() + pause + 50 >= endsAt) {
        if (fault) throw fault;
        return res!;
      }
      try {
        await sleep(pause, deadline);
      } catch (err) {
        throw classify(err, deadline, req.requestId, undefined, timeoutOf(req));
      }
    }
  }

  return {
    vendor,
    label,
    async send(req: UpstreamRequest): Promise<UpstreamResponse> {
      const admission = breaker.admit();
      if (!admission.allowed) {
        const retryAfterS = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
        throw new AppError(503, 'upstream_unavailable', `${label} is failing; ScanDeck paused calls to it. Try again in ${retryAfterS} s.`, {
          upstream: { vendor, ...(req.requestId === undefined ? {} : { requestId: req.requestId }) },
          retryAfterS,
        });
      }
      const timeoutMs = timeoutOf(req);
      const endsAt = Date.now() + timeoutMs;
      const deadline = AbortSignal.timeout(timeoutMs);
      const started = performance.now();
      const observe = (status: number | undefined, errorCode?: string) =>
        observeUpstream({ upstream: label, vendor, seconds: (performance.now() - started) / 1000, status, errorCode });
      try {
        const res = await attempts(req, deadline, endsAt);
        observe(res.status, res.status >= 500 ? 'upstream_error' : undefined);
        if (res.status >= 500) {
          breaker.failure();
          mark(false, 'upstream_error');
        } else {
          breaker.success();
          mark(true);
        }
        return res;
      } catch (err) {
        const fault = err instanceof Fault ? err : classify(err, deadline, req.requestId, undefined, timeoutOf(req));
        observe(fault.error.upstream?.status, fault.error.code);
        if (fault.verdict === 'down') {
          breaker.failure();
          mark(false, fault.error.code);
        } else if (fault.verdict === 'answered') {
          breaker.success();
          mark(true);
        } else breaker.release(admission.isProbe);
        throw fault.error;
      }
    },
    status(): UpstreamStatus {
      return {
        vendor,
        reachable: state.reachable,
        since: state.since,
        circuit: breaker.state,
        ...(state.lastError ? { lastError: state.lastError } : {}),
        inFlight: limiter?.active ?? 0,
        queued: limiter?.queued ?? 0,
      };
    },
    async close(): Promise<void> {
      const a = agent;
      agent = undefined;
      await a?.destroy();
    },
  };
}
export type Upstream = ReturnType<typeof createUpstream>;
