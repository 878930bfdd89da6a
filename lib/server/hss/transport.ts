import 'server-only';
import { z } from 'zod';
import { getEnv } from '../env';
import { AppError, logUpstreamError } from '../errors';
import { noteUpstreamRequest } from '../request-context';
import { exchange, type ExchangeResult } from './exchange';
import { createTokenSource, type TokenSource } from './iam-token';
import { sdkDate, signRequest } from './signer';
import { processSingleton } from '../process-singletons';

export interface HssCall<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT';
  /** a fixed path after /v5/{project_id}, built by a resource module from validated ids */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** the expected JSON body of a success */
  schema: S;
}

const hssErrorBody = z.object({
  error_code: z.union([z.string(), z.number()]).optional(),
  error_msg: z.string().optional(),
});

/**
 * An expired IAM token, the one refusal worth a new token and one retry: Huawei documents it as
 * APIG.0301/APIGW.0301 "token expires" (and API Gateway's APIG(W).0307 "the token must be
 * updated"). Any other 0301, such as a signature refusal, is never retried: Huawei locks a key
 * pair after repeated failures.
 */
export function isTokenExpiry(json: unknown): boolean {
  const body = hssErrorBody.safeParse(json);
  if (!body.success || body.data.error_code === undefined) return false;
  const code = String(body.data.error_code);
  if (code === 'APIGW.0307' || code === 'APIG.0307') return true;
  return (code === 'APIGW.0301' || code === 'APIG.0301') && /token expire/i.test(body.data.error_msg ?? '');
}

function tokenSource(): TokenSource {
  const { auth, timeoutMs } = configured();
  if (auth.mode !== 'iam') throw new Error('tokenSource: HSS is in AK/SK mode');
  return processSingleton('hssIamTokens', () => createTokenSource({ auth, timeoutMs }));
}

function configured() {
  const { hss } = getEnv();
  if (!hss) {
    throw new AppError(503, 'upstream_unavailable', 'HSS is not configured on this server (set HSS_ENDPOINT, HSS_PROJECT_ID and credentials).', {
      upstream: { vendor: 'hss' },
    });
  }
  return hss;
}

function refusal(method: string, res: ExchangeResult, json: unknown): AppError {
  const parsed = hssErrorBody.safeParse(json);
  const code = parsed.success && parsed.data.error_code !== undefined ? String(parsed.data.error_code) : undefined;
  const vendorMessage = parsed.success ? parsed.data.error_msg : undefined;
  const upstream = { vendor: 'hss' as const, status: res.status, code, message: vendorMessage, requestId: res.requestId };
  if (res.status === 429 || code === 'APIGW.0308') {
    // APIG's flow control: checked before the other APIGW.03 codes, which are about credentials.
    return new AppError(429, 'too_many_requests', 'HSS is limiting the call rate; try again in a minute.', { upstream, retryAfterS: 60 });
  }
  if (code?.startsWith('APIGW.03') || code?.startsWith('APIG.03') || res.status === 401) {
    return new AppError(502, 'upstream_error', "HSS refused the server's credentials; check HUAWEI_AK/HUAWEI_SK or the IAM settings.", {
      upstream,
    });
  }
  if (res.status === 404 || code === 'HSS.0011') {
    return new AppError(404, 'not_found', vendorMessage || 'Not found on HSS.', { upstream });
  }
  if (method !== 'GET' && res.status >= 400 && res.status < 500) {
    return new AppError(422, 'upstream_rejected', `HSS refused the change: ${vendorMessage ?? `HTTP ${res.status}`}`, { upstream });
  }
  return new AppError(502, 'upstream_error', `HSS refused the request: ${vendorMessage ?? `HTTP ${res.status}`}`, { upstream });
}

async function send(call: HssCall<z.ZodType>, token: string | undefined): Promise<ExchangeResult> {
  const hss = configured();
  const method = call.method ?? 'GET';
  const url = new URL(`${hss.endpoint}/v5/${encodeURIComponent(hss.projectId)}${call.path}`);
  const query: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.push([key, String(value)]);
  if (hss.enterpriseProjectId !== undefined) query.push(['enterprise_project_id', hss.enterpriseProjectId]);
  for (const [key, value] of query) url.searchParams.append(key, value);
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { 'X-Project-Id': hss.projectId };
  if (body !== undefined) headers['Content-Type'] = 'application/json;charset=utf8';
  if (hss.auth.mode === 'aksk') {
    // `host` is signed as fetch will send it: with the port when the endpoint names one.
    const signed = { ...headers, 'X-Sdk-Date': sdkDate(Date.now()), host: url.host };
    const signature = signRequest({ method, path: url.pathname, query, headers: signed, body: body ?? '' }, hss.auth);
    Object.assign(headers, { 'X-Sdk-Date': signed['X-Sdk-Date'], Authorization: signature.authorization });
  } else if (token !== undefined) {
    headers['X-Auth-Token'] = token;
  }
  const res = await exchange({ vendor: 'hss', url, method, headers: { accept: 'application/json', ...headers }, body, timeoutMs: hss.timeoutMs });
  if (res.requestId) noteUpstreamRequest('hss', res.requestId);
  return res;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('not-json');
  }
}

/**
 * The one way ScanDeck calls HSS. Requests are built from scratch here; nothing the browser sent
 * reaches HSS. A signature refusal is never retried (Huawei locks a key pair after repeated
 * failures); an expired IAM token is replaced once.
 */
export async function hssFetch<S extends z.ZodType>(call: HssCall<S>): Promise<z.output<S>> {
  const method = call.method ?? 'GET';
  try {
    const mode = configured().auth.mode;
    let token = mode === 'iam' ? await tokenSource().get() : undefined;
    let res = await send(call, token);
    let json = parseJson(res.text);
    if (token !== undefined && res.status === 401 && isTokenExpiry(json)) {
      tokenSource().invalidate(token);
      token = await tokenSource().get();
      res = await send(call, token);
      json = parseJson(res.text);
    }
    if (res.status < 200 || res.status >= 300) throw refusal(method, res, json);
    if (typeof json === 'symbol') {
      throw new AppError(502, 'upstream_error', 'HSS answered with an unexpected body.', {
        upstream: { vendor: 'hss', status: res.status, requestId: res.requestId, message: 'not JSON' },
      });
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AppError(502, 'upstream_error', 'HSS answered with an unexpected body.', {
        upstream: {
          vendor: 'hss',
          status: res.status,
          requestId: res.requestId,
          message: first ? `${first.path.join('.')}: ${first.message}` : 'invalid',
        },
      });
    }
    return parsed.data;
  } catch (err) {
    if (err instanceof AppError) logUpstreamError(err, { vendor: err.upstream?.vendor ?? 'hss', method, path: call.path });
    throw err;
  }
}
