import 'server-only';

/**
 * Each request's id, given as it enters Node's HTTP server (request-log.ts) and carried to proxy.ts
 * and the handlers in this header; a value a client sends is overwritten. Handlers note who asked
 * under that id, for the request's log line.
 */
export const requestIdHeader = 'x-scandeck-request-id';

export interface PendingRequest {
  user?: string;
}

const pendingKey = Symbol.for('scandeck.pendingRequests');

/** Requests under way in this process, by id: one entry each, dropped when its answer is done. */
export function pendingRequests(): Map<string, PendingRequest> {
  const holder = globalThis as { [pendingKey]?: Map<string, PendingRequest> };
  holder[pendingKey] ??= new Map();
  return holder[pendingKey];
}

const activityKey = Symbol.for('scandeck.lastRequestActivity');
type ActivityHolder = { [activityKey]?: number };

/** Notes that a request began or ended now (request-log.ts). */
export function noteRequestActivity(): void {
  (globalThis as ActivityHolder)[activityKey] = Date.now();
}

/**
 * How long no request has begun or ended in this process (Infinity before the first, or where the
 * HTTP server is not hooked, as in tests that call handlers directly). A long-lived stream open
 * meanwhile does not count as activity: only its start and end do.
 */
export function quietForMs(): number {
  const at = (globalThis as ActivityHolder)[activityKey];
  // Milliseconds of wall-clock time: the request hook and the handlers are separate bundles of one process.
  return at === undefined ? Number.POSITIVE_INFINITY : Date.now() - at;
}

type Headers = { get(name: string): string | null };

/** This request's id, when it came through Node's HTTP server (not in tests that call handlers directly). */
export function requestIdOf(headers: Headers): string | undefined {
  const id = headers.get(requestIdHeader);
  return id && pendingRequests().has(id) ? id : undefined;
}

/** Notes who made a request, for its log line. */
export function noteRequestUser(headers: Headers, username: string): void {
  const id = requestIdOf(headers);
  if (id) pendingRequests().get(id)!.user = username;
}
