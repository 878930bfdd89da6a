import 'server-only';
import { logger } from './log';
import { currentRequestContext } from './request-context';
import type { ErrorCode, ErrorEnvelope } from '@/lib/schemas/common';

/** `sci`: one Tenable.sc instance that Director federates, called directly (security managers). */
export type Vendor = 'director' | 'hss' | 'iam' | 'sci';

export interface UpstreamInfo {
  vendor: Vendor;
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  /** with vendor `sci`: Director's id of the instance */
  sciId?: number;
}

/** The one error class: everything a handler or client throws on purpose. */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Record<string, string[]> | undefined;
  readonly upstream: UpstreamInfo | undefined;
  /** sent as Retry-After, e.g. while an upstream's circuit is open */
  readonly retryAfterS: number | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    extra: { details?: Record<string, string[]>; upstream?: UpstreamInfo; cause?: unknown; retryAfterS?: number } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = extra.details;
    this.upstream = extra.upstream;
    this.retryAfterS = extra.retryAfterS;
  }
}

/** Turns anything thrown into the status and envelope the browser gets. */
export function toErrorBody(err: unknown): { status: number; body: ErrorEnvelope; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      ...(err.retryAfterS === undefined ? {} : { headers: { 'Retry-After': String(err.retryAfterS) } }),
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
          ...(err.upstream ? { upstream: err.upstream } : {}),
        },
      },
    };
  }
  // Only the name and the stack's frames go to the log: error messages from libraries can quote
  // request data, and a stack's first line repeats the message, so it is left out.
  const frames = err instanceof Error ? (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const detail = err instanceof Error ? [err.name, ...frames].join('\n') : typeof err;
  logger().error({ event: 'unexpected_error', error: detail }, `unexpected error: ${detail.split('\n')[0]}`);
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on the server.' } } };
}

/**
 * One line for a failed vendor call: ScanDeck's code and status, the vendor's code and HTTP status,
 * the vendor's request id (to find the call in the vendor's logs) and the request that caused it.
 */
export function logUpstreamError(err: AppError, call: { vendor: Vendor; sciId?: number; method: string; path: string }): void {
  const u = err.upstream;
  const where = call.vendor === 'sci' ? `sci ${call.sciId}` : call.vendor;
  logger().warn(
    {
      event: 'upstream_error',
      ...call,
      status: err.status,
      code: err.code,
      upstreamStatus: u?.status ?? null,
      vendorCode: u?.code ?? null,
      upstreamRequestId: u?.requestId ?? null,
      reqId: currentRequestContext()?.requestId ?? null,
    },
    `${where} ${call.method} ${call.path} -> ${err.status} ${err.code}`,
  );
}
