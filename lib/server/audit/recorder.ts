import 'server-only';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { NextRequest } from 'next/server';
import { errorEnvelope } from '@/lib/schemas/common';
import type { AuditOutcome } from '@/lib/schemas/audit';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { currentRequestContext, runWithRequestContext, type RequestContext } from '../request-context';
import { findUser, type UserRecord } from '../users-file';
import { openAuditStore, type AuditStore, type NewAuditEntry } from './store';

const storeKey = Symbol.for('scandeck.auditStore');

/** One connection per process and file, shared through globalThis like the request context. */
export function getAuditStore(): AuditStore {
  const file = join(getEnv().dataDir, 'audit.sqlite');
  const holder = globalThis as { [storeKey]?: AuditStore };
  if (holder[storeKey]?.file !== file) {
    holder[storeKey]?.close();
    holder[storeKey] = openAuditStore(file);
  }
  return holder[storeKey];
}

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isMutation = (method: string) => mutatingMethods.has(method.toUpperCase());

/** Fields that may name what was acted on. An allowlist, so a new body field is left out until someone decides. */
const labelKeys = ['id', 'uuid', 'name', 'username', 'taskId'] as const;
/** A second guard, should the allowlist ever grow carelessly. */
const secretLike = /pass|secret|token|key|credential|auth|cookie|signature/i;
const maxValueLength = 200;

const clip = (value: string) => (value.length > maxValueLength ? `${value.slice(0, maxValueLength)}…` : value);

function labelOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const key of labelKeys) {
    if (secretLike.test(key) || !Object.hasOwn(value, key)) continue;
    const field: unknown = (value as Record<string, unknown>)[key];
    if (typeof field === 'string' && field !== '') out[key] = clip(field);
    else if (typeof field === 'number' && Number.isFinite(field)) out[key] = String(field);
  }
  return out;
}

function paramsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && !secretLike.test(key)) out[key] = clip(field);
  }
  return out;
}

/**
 * "DELETE /api/director/scans/{id}": the route's shape, so one action groups every scan deleted,
 * whatever its id. Segments equal to a path parameter are replaced by the parameter's name.
 */
export function actionOf(method: string, pathname: string, params: Record<string, string>): string {
  const byValue = new Map(Object.entries(params).map(([name, value]) => [value, name]));
  const shape = pathname
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // A malformed escape is kept as sent.
      }
      const name = byValue.get(decoded);
      return name ? `{${name}}` : segment;
    })
    .join('/');
  return `${method.toUpperCase()} ${clip(shape)}`;
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry, as the sign-in
 * throttle reads it (Next sets the header from the socket when no proxy did). Informational only.
 */
export function clientAddress(headers: { get(name: string): string | null } | Record<string, unknown> | undefined): string | null {
  if (!headers) return null;
  const read = (name: string): string | undefined => {
    if ('get' in headers && typeof headers.get === 'function') return headers.get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  };
  const forwarded = read('x-forwarded-for')?.split(',').at(-1)?.trim() || read('x-real-ip')?.trim();
  return forwarded ? clip(forwarded) : null;
}

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status < 500) return 'refused';
  return 'failed';
}

function requestIdsOf(context: RequestContext, envelopeRequestId: string | undefined): string[] {
  const ids = context.upstreamCalls.map((call) => call.requestId);
  if (envelopeRequestId) ids.push(envelopeRequestId);
  return [...new Set(ids.map((id) => clip(id.replace(/\s+/g, ''))).filter(Boolean))];
}

async function readAnswer(res: Response): Promise<{ label: Record<string, string>; errorCode: string | null; upstreamCode: string | null; requestId?: string }> {
  const empty = { label: {}, errorCode: null, upstreamCode: null };
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return empty;
  let body: unknown;
  try {
    body = await res.clone().json();
  } catch {
    return empty;
  }
  if (res.ok) return { ...empty, label: labelOf(body) };
  const envelope = errorEnvelope.safeParse(body);
  if (!envelope.success) return empty;
  const { code, upstream } = envelope.data.error;
  return { label: {}, errorCode: code, upstreamCode: upstream?.code ?? null, ...(upstream?.requestId ? { requestId: upstream.requestId } : {}) };
}

/**
 * Which answers enter the trail: every mutation of a signed-in user, and any 403 (a viewer
 * reaching for an admin page or API). Requests without a session are not written: anyone can
 * send them in bulk, they name nobody, and they would only fill the disk.
 */
function isRecorded(method: string, status: number, context: RequestContext): boolean {
  if (context.auditEntryId !== undefined) return true;
  if (!context.session) return false;
  return isMutation(method) || status === 403;
}

async function paramsOfContext(routeContext: { params: Promise<unknown> } | undefined): Promise<Record<string, string>> {
  try {
    return paramsOf(await routeContext?.params);
  } catch {
    return {};
  }
}

/**
 * Runs one API request inside a request context and writes its audit entry before the answer
 * leaves. `answer` is the route wrapper's own work and never throws.
 */
export async function audited(
  req: NextRequest,
  routeContext: { params: Promise<unknown> },
  answer: () => Promise<Response>,
): Promise<Response> {
  return runWithRequestContext(async (context) => {
    const res = await answer();
    if (!isRecorded(req.method, res.status, context)) return res;
    try {
      const params = await paramsOfContext(routeContext);
      const read = await readAnswer(res);
      const completion = {
        target: { ...params, ...labelOf(context.body), ...read.label, ...context.auditTarget },
        outcome: outcomeOf(res.status),
        status: res.status,
        errorCode: read.errorCode,
        upstreamCode: read.upstreamCode,
        requestIds: requestIdsOf(context, read.requestId),
      };
      const store = getAuditStore();
      if (context.auditEntryId !== undefined) store.complete(context.auditEntryId, completion);
      else {
        store.append({
          ...completion,
          atMs: Date.now(),
          username: context.session?.username ?? null,
          role: context.session?.role ?? null,
          action: actionOf(req.method, req.nextUrl.pathname, params),
          address: clientAddress(req.headers),
        });
      }
    } catch (err) {
      // The change (if any) has happened; its pending row stays as the record that it was tried.
      console.error(`[scandeck] audit: could not record the outcome of ${req.method} ${req.nextUrl.pathname}: ${err instanceof Error ? err.message : 'unknown error'}`);
    }
    return res;
  });
}

/**
 * Called by the route wrapper once every check has passed and just before the handler runs: a
 * mutation is written as pending first, so even a crash mid-call leaves a trace. When the trail
 * cannot be written, nothing is sent to a vendor.
 */
export async function openAuditEntry(req: NextRequest, routeContext: { params: Promise<unknown> }): Promise<void> {
  const context = currentRequestContext();
  if (!context || !isMutation(req.method)) return;
  try {
    const params = await paramsOfContext(routeContext);
    context.auditEntryId = getAuditStore().append({
      atMs: Date.now(),
      username: context.session?.username ?? null,
      role: context.session?.role ?? null,
      action: actionOf(req.method, req.nextUrl.pathname, params),
      target: { ...params, ...labelOf(context.body) },
      outcome: 'pending',
      status: null,
      errorCode: null,
      upstreamCode: null,
      requestIds: [],
      address: clientAddress(req.headers),
    });
  } catch (err) {
    console.error(`[scandeck] audit: trail not writable, change refused: ${err instanceof Error ? err.message : 'unknown error'}`);
    throw new AppError(503, 'audit_unavailable', 'The audit trail cannot be written, so no change was made. Tell the operator.');
  }
}

export type SignInOutcome = 'success' | 'failure' | 'throttled';

const signInOutcomes: Record<SignInOutcome, { outcome: AuditOutcome; status: number }> = {
  success: { outcome: 'success', status: 200 },
  failure: { outcome: 'failed', status: 401 },
  throttled: { outcome: 'refused', status: 429 },
};

/**
 * A name typed at sign-in that matches no user may be a password typed into the wrong box, so
 * it is kept only as a short keyed hash: repeated tries of one name still group together.
 */
function unknownNameTag(username: string): string {
  return createHmac('sha256', getEnv().auth.secret).update(username).digest('hex').slice(0, 12);
}

/** Writes a sign-in event; throws when the trail cannot be written (the caller then refuses the sign-in). */
export async function recordSignIn(event: { username: string; outcome: SignInOutcome; address: string | null }): Promise<void> {
  const typed = event.username.trim();
  let user: UserRecord | undefined;
  try {
    user = typed ? await findUser(getEnv().auth.usersFile, typed) : undefined;
  } catch {
    user = undefined;
  }
  const { outcome, status } = signInOutcomes[event.outcome];
  const entry: NewAuditEntry = {
    atMs: Date.now(),
    username: user ? user.username : null,
    role: user ? user.role : null,
    action: 'sign-in',
    target: user ? {} : { unknownUser: typed ? unknownNameTag(typed) : '(empty)' },
    outcome,
    status,
    errorCode: event.outcome === 'success' ? null : event.outcome === 'throttled' ? 'too_many_requests' : 'bad_credentials',
    upstreamCode: null,
    requestIds: [],
    address: event.address ? clip(event.address) : null,
  };
  getAuditStore().append(entry);
}

/**
 * The sign-in path's one call: records the attempt and says whether it is on the trail. A
 * session is only opened when it is, so no sign-in goes unrecorded.
 */
export async function signInRecorded(
  credentials: unknown,
  outcome: SignInOutcome,
  headers: { get(name: string): string | null } | Record<string, unknown> | undefined,
): Promise<boolean> {
  const typed =
    credentials && typeof credentials === 'object' && 'username' in credentials && typeof credentials.username === 'string'
      ? credentials.username.slice(0, 256)
      : '';
  try {
    await recordSignIn({ username: typed, outcome, address: clientAddress(headers) });
    return true;
  } catch (err) {
    console.error(`[scandeck] audit: sign-in not recorded, refused: ${err instanceof Error ? err.message : 'unknown error'}`);
    return false;
  }
}
