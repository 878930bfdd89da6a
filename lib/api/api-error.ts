import type { ErrorEnvelope } from '@/lib/schemas/common';

export type ApiUpstream = NonNullable<ErrorEnvelope['error']['upstream']>;

/** One error type for every failed call to ScanDeck's own API, built from the error envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, string[]> | undefined;
  readonly upstream: ApiUpstream | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: Record<string, string[]> | undefined;
    upstream?: ApiUpstream | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.upstream = init.upstream;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
