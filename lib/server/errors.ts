import 'server-only';
import { logger } from './log';
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
