import type { ErrorEnvelope } from './common';

/**
 * A list's first page as its page's server read it, for the table in the browser to start from:
 * the answer its API route would have sent (`data`), or that route's error (`status`, `error`).
 * `at` is when it was read, so the browser knows how fresh it is.
 */
export type ListFirstPage = { at: number } & ({ data: unknown } | { status: number; error: ErrorEnvelope });
