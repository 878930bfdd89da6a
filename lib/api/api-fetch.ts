import type { z } from 'zod';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { upstreamVendors } from '@/lib/schemas/paging';
import { ApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiFetchOptions<T> = {
  method?: Method;
  /** serialised as JSON */
  body?: unknown;
  /**
   * parses the success body (forms that need the answer's exact shape); without it the body is taken
   * as `T`: ScanDeck's own answers are already allowlisted and checked by the BFF, and list pages
   * then ship without the schema library
   */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
};

const fallbackMessages: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'You are not allowed to do this.',
  404: 'Not found.',
  502: 'The upstream service answered with something unexpected.',
  503: 'The upstream service is unavailable.',
  504: 'The upstream service did not answer in time.',
};

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArrays = (v: unknown) => isRecord(v) && Object.values(v).every((a) => Array.isArray(a) && a.every((m) => typeof m === 'string'));

/** The BFF's error envelope, checked by hand (no schema library in the browser's list pages). */
function readErrorEnvelope(body: unknown): ErrorEnvelope['error'] | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, details, upstream } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  const error: ErrorEnvelope['error'] = { code, message };
  if (details !== undefined && isStringArrays(details)) error.details = details as Record<string, string[]>;
  const vendor = isRecord(upstream) ? upstreamVendors.find((v) => v === upstream.vendor) : undefined;
  if (isRecord(upstream) && vendor) {
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    error.upstream = {
      vendor,
      ...(int(upstream.sciId) !== undefined ? { sciId: int(upstream.sciId) } : {}),
      ...(int(upstream.status) !== undefined ? { status: int(upstream.status) } : {}),
      ...(text(upstream.code) !== undefined ? { code: text(upstream.code) } : {}),
      ...(text(upstream.message) !== undefined ? { message: text(upstream.message) } : {}),
      ...(text(upstream.requestId) !== undefined ? { requestId: text(upstream.requestId) } : {}),
    };
  }
  return error;
}

export function toApiError(status: number, body: unknown): ApiError {
  const envelope = readErrorEnvelope(body);
  if (envelope) {
    const { code, message, details, upstream } = envelope;
    return new ApiError({ status, code, message, details, upstream });
  }
  return new ApiError({
    status,
    code: status >= 500 ? 'internal' : 'bad_request',
    message: fallbackMessages[status] ?? `The request failed (HTTP ${status}).`,
  });
}

/**
 * Same-origin call to ScanDeck's API. Mutations carry `X-CSRF: 1` because the BFF refuses
 * any mutation without it; errors come back as one `ApiError` whatever their shape.
 */
export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions<T> = {}): Promise<T> {
  if (!path.startsWith('/api/')) throw new Error(`apiFetch only calls ScanDeck's own /api routes, not ${path}`);
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF'] = '1';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network', message: 'Could not reach ScanDeck. Check your connection.' });
  }

  const body = await readJson(response);
  if (!response.ok) throw toApiError(response.status, body);
  if (!options.schema) return body as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'bad_response', message: 'ScanDeck answered with an unexpected shape.' });
  }
  return parsed.data;
}
