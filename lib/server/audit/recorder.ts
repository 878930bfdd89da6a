import 'server-only';
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
import { StoreUnavailableError } from '../store/postgres';
import { openPostgresAuditStore } from './postgres-store';
import { openAuditStore, type AuditStore, type ChainReport, type NewAuditEntry } from './store';
import { isMutation } from '../methods';

const storeKey = Symbol.for('scandeck.auditStore');
type StoreHolder = { [storeKey]?: { where: string; store: AuditStore } };

/**
 * One store per process, shared through globalThis like the request context: PostgreSQL with
 * DATABASE_URL (one trail for every instance), otherwise the SQLite file under the data directory.
 */
export function getAuditStore(): AuditStore {
  const env = getEnv();
  const where = env.databaseUrl ?? join(env.dataDir, 'audit.sqlite');
  const holder = globalThis as StoreHolder;
  if (holder[storeKey]?.where !== where) {
    void holder[storeKey]?.store.close();
    holder[storeKey] = { where, store: env.databaseUrl ? openPostgresAuditStore(env.databaseUrl) : openAuditStore(where) };
  }
  return holder[storeKey].store;
}

/** Why a change or sign-in was refused for want of a trail: its database is unreachable, or it cannot be written. */
const unavailableCodeOf = (err: unknown) => (err instanceof StoreUnavailableError ? 'store_unavailable' : 'audit_unavailable');

/** Closes the process's trail, so the next call opens it afresh (as a restarted server would). */
export async function closeAuditStore(): Promise<void> {
  const holder = globalThis as StoreHolder;
  const current = holder[storeKey];
  delete holder[storeKey];
  await current?.store.close();
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
    console.error(`[scandeck] audit: retention pruning failed: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
}

/** The store, after any pruning that is due. */
async function writableStore(): Promise<AuditStore> {
  const store = getAuditStore();
  await pruneWhenDue(store);
  return store;
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
      console.error(
        `[scandeck] audit: could not record the outcome of ${req.method} ${req.nextUrl.pathname}: ${err instanceof Error ? err.message : 'unknown error'}`,
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
    console.error(`[scandeck] audit: trail not writable, change refused: ${err instanceof Error ? err.message : 'unknown error'}`);
    if (unavailableCodeOf(err) === 'store_unavailable') {
      throw new AppError(
        503,
        'store_unavailable',
        'ScanDeck cannot reach its database to record this change, so no change was made. Try again in a moment, or tell the operator.',
      );
    }
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
 * The sign-in path's one call: records the attempt and answers null once it is on the trail, or
 * why it is not (the code to refuse with). A session is only opened when it is, so no sign-in
 * goes unrecorded.
 */
export async function signInUnrecorded(
  credentials: unknown,
  outcome: SignInOutcome,
  address: string,
): Promise<'audit_unavailable' | 'store_unavailable' | null> {
  const typed =
    credentials && typeof credentials === 'object' && 'username' in credentials && typeof credentials.username === 'string'
      ? credentials.username.slice(0, 256)
      : '';
  try {
    await recordSignIn({ username: typed, outcome, address });
    return null;
  } catch (err) {
    console.error(`[scandeck] audit: sign-in not recorded, refused: ${err instanceof Error ? err.message : 'unknown error'}`);
    return unavailableCodeOf(err);
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
