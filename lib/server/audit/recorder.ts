import 'server-only';
import { errorMessage, logger } from '../log';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { NextRequest } from 'next/server';
import { errorEnvelope } from '@/lib/schemas/common';
import type { AuditOutcome } from '@/lib/schemas/audit';
import type { Role } from '@/lib/schemas/common';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { currentRequestContext, runWithRequestContext, type RequestContext } from '../request-context';
import { clientAddress } from '../client-address';
import { findUser, type UserRecord } from '../users-file';
import { openAuditStore, type AuditStore, type ChainReport, type NewAuditEntry } from './store';
import { isMutation } from '../methods';
import { observeAuditWrite } from '../metrics';
import { requestIdOf } from '../request-id';

const storeKey = Symbol.for('scandeck.auditStore');
type StoreHolder = { [storeKey]?: AuditStore };

/** One connection per process and file, shared through globalThis like the request context. */
export function getAuditStore(): AuditStore {
  const file = join(getEnv().dataDir, 'audit.sqlite');
  const holder = globalThis as StoreHolder;
  if (holder[storeKey]?.location !== file) {
    void holder[storeKey]?.close();
    holder[storeKey] = openAuditStore(file);
  }
  return holder[storeKey];
}

/** Closes the process's trail, so the next call opens it afresh (as a restarted server would). */
export async function closeAuditStore(): Promise<void> {
  const holder = globalThis as StoreHolder;
  const current = holder[storeKey];
  delete holder[storeKey];
  await current?.close();
}

const dayMs = 24 * 60 * 60_000;
const pruneKey = Symbol.for('scandeck.auditPrunedAt');

/**
 * Retention: once a day (checked on the way to each write, so an idle server does no work) the
 * entries older than AUDIT_RETENTION_DAYS go, and the pruning is itself recorded. Failing to prune
 * never blocks a write; it is tried again on a later one.
 */
async function pruneWhenDue(store: AuditStore, nowMs = Date.now()): Promise<void> {
  const holder = globalThis as { [pruneKey]?: number };
  if (holder[pruneKey] !== undefined && nowMs - holder[pruneKey] < dayMs) return;
  holder[pruneKey] = nowMs;
  try {
    const last = await store.lastPrunedAt();
    if (last !== null && nowMs - last < dayMs) {
      holder[pruneKey] = last;
      return;
    }
    await store.prune(nowMs - getEnv().audit.retentionDays * dayMs, nowMs);
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: retention pruning failed');
  }
}

async function timed<T>(operation: Parameters<typeof observeAuditWrite>[0], write: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let isOk = false;
  try {
    const result = await write();
    isOk = true;
    return result;
  } finally {
    observeAuditWrite(operation, isOk, (performance.now() - started) / 1000);
  }
}

/** The writes of a store, measured for /metrics (audit write latency). */
type Writes = Pick<AuditStore, 'append' | 'appendCounted' | 'complete'>;

/** The store, after any pruning that is due; its writes are timed. */
async function writableStore(): Promise<Writes> {
  const store = getAuditStore();
  await pruneWhenDue(store);
  return {
    append: (entry) => timed('append', () => store.append(entry)),
    appendCounted: (entry, key) => timed('append_counted', () => store.appendCounted(entry, key)),
    complete: (id, completion) => timed('complete', () => store.complete(id, completion)),
  };
}

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
 * whatever its id. Next hands the parameters in path order, so each one takes the first segment
 * after the previous parameter's that holds its value: two parameters with the same value
 * (`/organizations/5/security-managers/5`) still name two different segments.
 */
export function actionOf(method: string, pathname: string, params: Record<string, string>): string {
  const segments = pathname.split('/');
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      // A malformed escape is kept as sent.
      return segment;
    }
  });
  const names = new Map<number, string>();
  let from = 0;
  for (const [name, value] of Object.entries(params)) {
    const at = decoded.indexOf(value, from);
    if (at < 0) continue;
    names.set(at, name);
    from = at + 1;
  }
  const shape = segments.map((segment, i) => (names.has(i) ? `{${names.get(i)}}` : segment)).join('/');
  return `${method.toUpperCase()} ${clip(shape)}`;
}

/** The client's address for the trail (see client-address.ts), clipped like every stored value. */
function addressOf(headers: Parameters<typeof clientAddress>[0]): string {
  return clip(clientAddress(headers));
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

async function readAnswer(
  res: Response,
): Promise<{ label: Record<string, string>; errorCode: string | null; upstreamCode: string | null; requestId?: string }> {
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
export async function audited(req: NextRequest, routeContext: { params: Promise<unknown> }, answer: () => Promise<Response>): Promise<Response> {
  return runWithRequestContext(async (context) => {
    context.requestId = requestIdOf(req.headers);
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
      const store = await writableStore();
      if (context.auditEntryId !== undefined) await store.complete(context.auditEntryId, completion);
      else {
        const entry = {
          ...completion,
          atMs: Date.now(),
          username: context.session?.username ?? null,
          role: context.session?.role ?? null,
          action: actionOf(req.method, req.nextUrl.pathname, params),
          address: addressOf(req.headers),
        };
        // A refusal (a viewer's 403) repeated by a script is one row a minute with a count.
        if (entry.outcome === 'refused') await store.appendCounted(entry, [entry.username, entry.action, entry.status, entry.address].join('\n'));
        else await store.append(entry);
      }
    } catch (err) {
      // The change (if any) has happened; its pending row stays as the record that it was tried.
      logger().error(
        {
          event: 'audit_error',
          method: req.method,
          action: actionOf(req.method, req.nextUrl.pathname, await paramsOfContext(routeContext)),
          error: errorMessage(err),
        },
        'audit: could not record the outcome of a request',
      );
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
    const store = await writableStore();
    context.auditEntryId = await store.append({
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
      address: addressOf(req.headers),
    });
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: trail not writable, change refused');
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
  const store = await writableStore();
  // Refusals of a throttled source cost nothing to send: one row per address and minute, counted.
  if (event.outcome === 'throttled') {
    await store.appendCounted({ ...entry, username: null, role: null, target: {} }, `sign-in throttled\n${entry.address ?? ''}`);
  } else await store.append(entry);
}

/**
 * The sign-in path's one call: records the attempt and says whether it is on the trail. A
 * session is only opened when it is, so no sign-in goes unrecorded.
 */
export async function signInRecorded(credentials: unknown, outcome: SignInOutcome, address: string): Promise<boolean> {
  const typed =
    credentials && typeof credentials === 'object' && 'username' in credentials && typeof credentials.username === 'string'
      ? credentials.username.slice(0, 256)
      : '';
  try {
    await recordSignIn({ username: typed, outcome, address });
    return true;
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: sign-in not recorded, refused');
    return false;
  }
}

const chainKey = Symbol.for('scandeck.auditChainStatus');
type ChainHolder = { [chainKey]?: { atMs: number; report: Promise<ChainReport & { checkedAt: string }> } };
/**
 * A full check reads every entry (about 20 µs each here, so a year of a busy trail takes seconds),
 * so pages asking within this long share one.
 */
const chainReuseMs = 5 * 60_000;

/**
 * The chain's state for the audit page: one full check shared by every admin for 5 minutes, so
 * opening the page repeatedly never re-reads the trail each time. `npm run audit:verify` always
 * checks afresh.
 */
export function auditChainStatus(nowMs = Date.now()): Promise<ChainReport & { checkedAt: string }> {
  const holder = globalThis as ChainHolder;
  const cached = holder[chainKey];
  if (cached && nowMs - cached.atMs < chainReuseMs) return cached.report;
  const report = getAuditStore()
    .verify()
    .then((r) => ({ ...r, checkedAt: new Date(nowMs).toISOString() }));
  holder[chainKey] = { atMs: nowMs, report };
  report.catch(() => {
    if (holder[chainKey]?.report === report) delete holder[chainKey];
  });
  return report;
}

/** A sign-in through the organization's provider, as the trail records it. */
export interface SsoSignInEvent {
  outcome: 'success' | 'refused' | 'failed';
  /** the provider's name for the user, when the provider vouched for one */
  username: string | null;
  role: Role | null;
  issuer: string;
  subject: string | null;
  /** why it did not open a session, e.g. SsoNoRole or SsoRejected */
  errorCode: string | null;
  /** what the OpenID client said, for the operator (never a token: the client's messages quote claims, not tokens) */
  reason?: string;
  /** which check failed, from a fixed list (see ssoFailedCheck) */
  check?: string;
  address: string | null;
}

const ssoStatus = { success: 200, refused: 403, failed: 401 } as const;

/**
 * Writes an SSO sign-in; throws when the trail cannot be written (the caller then refuses it).
 * A failure before the provider vouched for anyone (a stale or forged callback) names nobody and
 * can be sent in bulk, so it is one counted row per address, reason and minute.
 */
export async function recordSsoSignIn(event: SsoSignInEvent): Promise<void> {
  const target: Record<string, string> = { via: 'sso', issuer: clip(event.issuer) };
  if (event.subject) target.subject = clip(event.subject);
  if (event.check) target.check = event.check;
  if (event.reason) target.reason = clip(event.reason);
  const entry: NewAuditEntry = {
    atMs: Date.now(),
    username: event.username ? clip(event.username) : null,
    role: event.role,
    action: 'sign-in',
    target,
    outcome: event.outcome,
    status: ssoStatus[event.outcome],
    errorCode: event.errorCode,
    upstreamCode: null,
    requestIds: [],
    address: event.address ? clip(event.address) : null,
  };
  const store = await writableStore();
  if (event.subject === null) await store.appendCounted(entry, ['sso failure', event.errorCode, event.check ?? '', event.address ?? ''].join('\n'));
  else await store.append(entry);
}
