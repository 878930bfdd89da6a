import 'server-only';
import type { NextRequest } from 'next/server';
import { errorEnvelope } from '@/lib/schemas/common';
import type { AuditOutcome } from '@/lib/schemas/audit';
import { AppError } from '../errors';
import { currentRequestContext, runWithRequestContext, type RequestContext } from '../request-context';
import { clientAddress } from '../client-address';
import { errorMessage, logger } from '../log';
import { isMutation } from '../methods';
import { requestIdOf } from '../request-id';
import { clip, unavailableCodeOf, writableStore } from './trail';

// The request audit, the route wrapper's job: each API request's entry, opened before a mutation
// reaches a vendor and completed with its answer. The store is trail.ts's; sign-ins are sign-in-audit.ts's.

/** Fields that may name what was acted on. An allowlist, so a new body field is left out until someone decides. */
const labelKeys = ['id', 'uuid', 'name', 'username', 'taskId'] as const;
/** A second guard, should the allowlist ever grow carelessly. */
const secretLike = /pass|secret|token|key|credential|auth|cookie|signature/i;

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

/** What the handler learnt (names read from a vendor): clipped like every stored value, at most a few keys. */
function clippedTarget(fields: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields ?? {})
      .slice(0, 12)
      .map(([key, value]) => [key, clip(value)]),
  );
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
        target: { ...params, ...labelOf(context.body), ...read.label, ...clippedTarget(context.auditTarget) },
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
