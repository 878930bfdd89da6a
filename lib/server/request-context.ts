import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UpstreamVendor } from '@/lib/schemas/paging';
import type { ConsoleSession } from '@/lib/schemas/session';
import { processSingleton } from './process-singletons';

export interface UpstreamCall {
  vendor: UpstreamVendor;
  requestId: string;
}

/** What the sign-in callback learns while next-auth runs `authorize` inside it. */
export interface SignInState {
  /** the client's address, as the guard of /api/auth worked it out */
  address: string;
  /** set when the throttle refused the attempt: seconds to wait */
  throttledS?: number;
  /**
   * set when the attempt could not be decided: `store_unavailable` when the database holding the
   * trail is unreachable, `audit_unavailable` when the trail or the state store cannot be written
   */
  unavailable?: 'audit_unavailable' | 'store_unavailable';
  /** single sign-on: set once the attempt's outcome is on the audit trail (so the guard does not write it twice) */
  ssoRecorded?: boolean;
  /** single sign-on: what next-auth or the OpenID client reported when the attempt failed */
  ssoFailure?: string;
}

/** What one request to ScanDeck learns along the way, for the audit trail. */
export interface RequestContext {
  /** the id the request log gives this request (request-id.ts), when it came through the HTTP server */
  requestId?: string;
  signIn?: SignInState;
  upstreamCalls: UpstreamCall[];
  session?: ConsoleSession;
  /** the parsed (zod output) body, from which the audit takes a safe label */
  body?: unknown;
  /** the audit row written before the handler ran, completed once the answer is known */
  auditEntryId?: number;
  /** where the change went, learnt while serving it (e.g. which SCI), added to the audit target */
  auditTarget?: Record<string, string>;
  /** cache invalidations this request published to other instances, awaited before it answers */
  invalidations?: Promise<void>[];
}

/** One storage per process (see process-singletons.ts): the transports write into the store the route wrapper reads. */
function storage(): AsyncLocalStorage<RequestContext> {
  return processSingleton('requestContext', () => new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(fn: (context: RequestContext) => T): T {
  const context: RequestContext = { upstreamCalls: [] };
  return storage().run(context, () => fn(context));
}

export function currentRequestContext(): RequestContext | undefined {
  return storage().getStore();
}

/** Called by each transport as it sends, so the audit can quote the vendor's request id. */
export function noteUpstreamRequest(vendor: UpstreamCall['vendor'], requestId: string): void {
  currentRequestContext()?.upstreamCalls.push({ vendor, requestId });
}

/** Records where a change is sent (e.g. `{ sci: '3' }`), for the audit trail. */
export function noteAuditTarget(fields: Record<string, string>): void {
  const context = currentRequestContext();
  if (context) context.auditTarget = { ...context.auditTarget, ...fields };
}

export function noteSession(session: ConsoleSession): void {
  const context = currentRequestContext();
  if (context) context.session = session;
}

export function noteBody(body: unknown): void {
  const context = currentRequestContext();
  if (context) context.body = body;
}
