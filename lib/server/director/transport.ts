import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getEnv } from '../env';
import { answerDigest, splitList, unchangedRecords, withDigest, type RecordSource } from '../json-records';
import { AppError, logUpstreamError } from '../errors';
import { noteUpstreamRequest } from '../request-context';
import type { Upstream, UpstreamResponse } from '../upstream/client';
import { getUpstream } from '../upstream/registry';
import { processSingleton } from '../process-singletons';

const envelopeSchema = z.object({
  response: z.unknown(),
  error_code: z.union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  error_msg: z.string().optional().catch(undefined),
});

export interface DirectorCall<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** a fixed path under /rest, built by a resource module; ids are already validated and encoded */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** the expected `response` of the envelope */
  schema: S;
  /** shorter than DIRECTOR_TIMEOUT_MS, e.g. for a health probe */
  timeoutMs?: number;
}

/**
 * One Tenable.sc API ScanDeck calls: Director, or one of the instances it federates (security
 * managers live there). Both speak the same envelope and take the same API-key header.
 */
export interface TenableEndpoint {
  vendor: 'director' | 'sci';
  /** how messages name it: "Director", "SCI 3" */
  label: string;
  /** base URL without `/rest` */
  url: string;
  accessKey: string;
  secretKey: string;
  /** where the key pair is configured, for the message when it is refused */
  keySetting: string;
  upstream: Upstream;
  /** with vendor `sci`: Director's id of the instance, quoted in errors */
  sciId?: number;
}

function upstreamInfo(endpoint: TenableEndpoint, extra: { status: number; requestId: string; code?: string; message?: string }) {
  return { vendor: endpoint.vendor, ...(endpoint.sciId === undefined ? {} : { sciId: endpoint.sciId }), ...extra };
}

function unexpected(endpoint: TenableEndpoint, status: number, requestId: string, why: string): AppError {
  return new AppError(502, 'upstream_error', `${endpoint.label} answered with an unexpected body.`, {
    upstream: upstreamInfo(endpoint, { status, requestId, message: why }),
  });
}

/**
 * What a non-zero `error_code` means for the browser. Tenable publishes no list of codes, so no
 * behaviour is keyed to a number: the code and message always go along in `upstream` (the error
 * panel shows both), and the status and hint come from the HTTP status and the message.
 */
function refusal(endpoint: TenableEndpoint, method: string, status: number, code: number, vendorMessage: string, requestId: string): AppError {
  const { label } = endpoint;
  const upstream = upstreamInfo(endpoint, { status, code: String(code), message: vendorMessage, requestId });
  const said = vendorMessage ? `${vendorMessage} (error ${code})` : `error ${code}`;
  if (status === 404 || /not found|does not exist/i.test(vendorMessage)) {
    return new AppError(404, 'not_found', vendorMessage || `Not found on ${label}.`, { upstream });
  }
  if (status === 401 || /api ?key|credential|authenticat|unauthori[sz]ed|log ?in/i.test(vendorMessage)) {
    return new AppError(502, 'upstream_error', `${label} refused the server's credentials: ${said}. Check ${endpoint.keySetting}.`, {
      upstream,
    });
  }
  if (method !== 'GET' && status >= 400 && status < 500) {
    return new AppError(422, 'upstream_rejected', `${label} refused the change: ${said}`, { upstream });
  }
  return new AppError(502, 'upstream_error', `${label} refused the request: ${said}`, { upstream });
}

function directorEndpoint(): TenableEndpoint {
  const { director } = getEnv();
  return {
    vendor: 'director',
    label: 'Director',
    url: director.url,
    accessKey: director.accessKey,
    secretKey: director.secretKey,
    keySetting: 'DIRECTOR_ACCESS_KEY and DIRECTOR_SECRET_KEY',
    upstream: getUpstream('director'),
  };
}

/**
 * The one way ScanDeck calls Director. The request is built from scratch here, so nothing the
 * browser sent (headers, cookies, paths) can reach Director.
 */
export function directorFetch<S extends z.ZodType>(call: DirectorCall<S>): Promise<z.output<S>> {
  return tenableFetch(directorEndpoint(), call);
}

/** A call to any Tenable.sc API (Director or one SCI); the request is built from scratch here. */
export function tenableFetch<S extends z.ZodType>(endpoint: TenableEndpoint, call: DirectorCall<S>): Promise<z.output<S>> {
  return logged(endpoint, call, () => send(endpoint, call));
}

/**
 * The digest of the last answer read and judged, per list request (path and query), for as many
 * requests as a console asks for (one per list, SCI and kind): bounded, the oldest dropped first.
 */
const judgedMax = 256;
function judgedAnswers(): Map<string, string> {
  return processSingleton('director.judgedAnswers', () => new Map<string, string>());
}

function requestKey(call: Pick<DirectorCall<z.ZodType>, 'path' | 'query'>): string {
  const query = Object.entries(call.query ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${call.path}?${new URLSearchParams(query.map(([key, value]) => [key, String(value)])).toString()}`;
}

/**
 * Director's whole list of records, each parsed when it is read (see json-records.ts): a first
 * page does not wait for 100,000 records to be parsed. The envelope is judged as `directorFetch` judges it.
 *
 * An answer equal but for its timestamp to the last one read for the same request, or to `known`
 * (the digest of an answer a cached list was read from), is neither searched for its records nor
 * judged again: finding where each of 100,000 users starts and ends took 0.1–0.4 s of the main
 * thread on every refresh that changed nothing, and an SCI's users (the scans' owners, looked up
 * without a list of their own) stalled every page rendered while a scan list refreshed.
 */
export function directorFetchRecords(call: Omit<DirectorCall<z.ZodType>, 'method' | 'body' | 'schema'>, known?: string): Promise<RecordSource> {
  const endpoint = directorEndpoint();
  return logged(endpoint, call, async () => {
    const { status, answer, requestId } = await exchange(endpoint, call);
    // From the bytes as received: an unchanged answer (tens of MB at 100,000 users) is then never
    // decoded into a string, which V8 would hold and collect on the thread that serves pages.
    const digest = answerDigest(answer.body);
    const judged = judgedAnswers();
    const key = requestKey(call);
    const isOk = status >= 200 && status < 300;
    if (digest !== undefined && isOk && (digest === known || digest === judged.get(key))) return unchangedRecords(answer, digest);
    let split: ReturnType<typeof splitList>;
    try {
      split = splitList(answer.text, 'response');
    } catch {
      throw unexpected(endpoint, status, requestId, 'not JSON');
    }
    judge(endpoint, 'GET', status, requestId, split.envelope);
    const { records } = split;
    if (!records) throw unexpected(endpoint, status, requestId, 'response: not a list');
    if (digest === undefined) return records;
    if (isOk) {
      judged.delete(key);
      judged.set(key, digest);
      if (judged.size > judgedMax) judged.delete(judged.keys().next().value as string);
    }
    return withDigest(records, () => digest);
  });
}

async function logged<T>(endpoint: TenableEndpoint, call: { method?: string; path: string }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // The request id ties this line to the browser's error and to Director's own logs.
    if (err instanceof AppError) {
      logUpstreamError(err, {
        vendor: endpoint.vendor,
        ...(endpoint.vendor === 'sci' ? { sciId: endpoint.sciId } : {}),
        method: call.method ?? 'GET',
        path: call.path,
      });
    }
    throw err;
  }
}

async function send<S extends z.ZodType>(endpoint: TenableEndpoint, call: DirectorCall<S>): Promise<z.output<S>> {
  const method = call.method ?? 'GET';
  const { status, answer, requestId } = await exchange(endpoint, call);
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw unexpected(endpoint, status, requestId, 'not JSON');
  }
  const response = judge(endpoint, method, status, requestId, json);
  const parsed = call.schema.safeParse(response);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw unexpected(endpoint, status, requestId, `response ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** The envelope's `response`, or the error its `error_code` (or an odd HTTP status) means. */
function judge(endpoint: TenableEndpoint, method: string, status: number, requestId: string, json: unknown): unknown {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw unexpected(endpoint, status, requestId, 'not a Tenable.sc envelope');
  const { error_code: code, error_msg: vendorMessage = '' } = envelope.data;
  if (code !== 0) throw refusal(endpoint, method, status, code, vendorMessage, requestId);
  if (status < 200 || status >= 300) throw unexpected(endpoint, status, requestId, `HTTP ${status} with error_code 0`);
  return envelope.data.response;
}

async function exchange(
  endpoint: TenableEndpoint,
  call: Omit<DirectorCall<z.ZodType>, 'schema'>,
): Promise<{ status: number; answer: UpstreamResponse; requestId: string }> {
  const method = call.method ?? 'GET';
  if (!call.path.startsWith('/') || call.path.includes('..') || call.path.includes('?')) {
    throw new Error('directorFetch: path must be a fixed absolute path without a query');
  }
  const url = new URL(`${endpoint.url}/rest${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const requestId = randomUUID();
  noteUpstreamRequest(endpoint.vendor, requestId);
  const headers: Record<string, string> = {
    'x-apikey': `accesskey=${endpoint.accessKey}; secretkey=${endpoint.secretKey};`,
    accept: 'application/json',
    'x-request-id': requestId,
  };
  if (call.body !== undefined) headers['content-type'] = 'application/json';

  // Deadlines, retries of reads, the circuit, the cap on calls in flight, redirects and the size
  // cap are the upstream layer's; this module judges what Director's answer means.
  // The answer, not its text: an answer compared by its bytes is never decoded (see directorFetchRecords).
  const answer = await endpoint.upstream.send({
    method,
    url,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    requestId,
    timeoutMs: call.timeoutMs,
  });
  return { status: answer.status, answer, requestId };
}
