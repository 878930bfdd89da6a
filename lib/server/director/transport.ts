import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getEnv } from '../env';
import { AppError } from '../errors';

const envelopeSchema = z.object({
  response: z.unknown(),
  error_code: z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]),
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
}

const networkDown = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

function causeCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}

function unexpected(status: number, requestId: string, why: string): AppError {
  return new AppError(502, 'upstream_error', 'Director answered with an unexpected body.', {
    upstream: { vendor: 'director', status, requestId, message: why },
  });
}

function refusal(method: string, status: number, code: number, vendorMessage: string, requestId: string): AppError {
  const upstream = { vendor: 'director' as const, status, code: String(code), message: vendorMessage, requestId };
  if (code === 147 || /not found/i.test(vendorMessage)) {
    return new AppError(404, 'not_found', vendorMessage || 'Not found on Director.', { upstream });
  }
  if (code === 74) {
    return new AppError(502, 'upstream_error', "Director refused the server's API key; check DIRECTOR_ACCESS_KEY and DIRECTOR_SECRET_KEY.", {
      upstream,
    });
  }
  if (method !== 'GET' && status === 403 && (code === 143 || code === 146)) {
    return new AppError(422, 'upstream_rejected', `Director refused the change: ${vendorMessage}`, { upstream });
  }
  return new AppError(502, 'upstream_error', `Director refused the request: ${vendorMessage}`, { upstream });
}

/**
 * The one way ScanDeck calls Director. The request is built from scratch here, so nothing the
 * browser sent (headers, cookies, paths) can reach Director.
 */
export async function directorFetch<S extends z.ZodType>(call: DirectorCall<S>): Promise<z.output<S>> {
  try {
    return await send(call);
  } catch (err) {
    if (err instanceof AppError) {
      // The request id ties this line to the browser's error and to Director's own logs.
      const u = err.upstream;
      console.warn(
        `[scandeck] director ${call.method ?? 'GET'} ${call.path} -> ${err.status} ${err.code}` +
          (u?.status !== undefined ? ` (HTTP ${u.status}${u.code ? `, error_code ${u.code}` : ''})` : '') +
          (u?.requestId ? ` request-id=${u.requestId}` : ''),
      );
    }
    throw err;
  }
}

async function send<S extends z.ZodType>(call: DirectorCall<S>): Promise<z.output<S>> {
  const { director } = getEnv();
  const method = call.method ?? 'GET';
  if (!call.path.startsWith('/') || call.path.includes('..') || call.path.includes('?')) {
    throw new Error('directorFetch: path must be a fixed absolute path without a query');
  }
  const url = new URL(`${director.url}/rest${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'x-apikey': `accesskey=${director.accessKey}; secretkey=${director.secretKey};`,
    accept: 'application/json',
    'x-request-id': requestId,
  };
  if (call.body !== undefined) headers['content-type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(director.timeoutMs),
      cache: 'no-store',
    });
  } catch (err) {
    const upstream = { vendor: 'director' as const, requestId };
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new AppError(504, 'upstream_timeout', `Director did not answer within ${director.timeoutMs} ms.`, { upstream });
    }
    const code = causeCode(err);
    if (code && networkDown.has(code)) {
      throw new AppError(503, 'upstream_unavailable', `Director is unreachable (${code}).`, { upstream });
    }
    throw new AppError(502, 'upstream_error', 'The call to Director failed.', { upstream, cause: err });
  }

  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new AppError(504, 'upstream_timeout', `Director did not answer within ${director.timeoutMs} ms.`, {
        upstream: { vendor: 'director', status: res.status, requestId },
      });
    }
    throw unexpected(res.status, requestId, 'the body could not be read');
  }
  if (res.status >= 300 && res.status < 400) {
    throw new AppError(502, 'upstream_error', 'Director answered with a redirect, which ScanDeck does not follow.', {
      upstream: { vendor: 'director', status: res.status, requestId },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unexpected(res.status, requestId, 'not JSON');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw unexpected(res.status, requestId, 'not a Tenable.sc envelope');
  const { error_code: code, error_msg: vendorMessage = '' } = envelope.data;
  if (code !== 0) throw refusal(method, res.status, code, vendorMessage, requestId);
  if (!res.ok) throw unexpected(res.status, requestId, `HTTP ${res.status} with error_code 0`);
  const parsed = call.schema.safeParse(envelope.data.response);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw unexpected(res.status, requestId, `response ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}
