import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import type { Role } from '@/lib/schemas/common';
import { readLimitedBody } from './body';
import { getEnv } from './env';
import { withSecurityHeaders } from './security-headers';
import { audited, openAuditEntry } from './audit/recorder';
import { invalidationsPublished } from './cache-bus';
import { AppError, toErrorBody } from './errors';
import { noteBody, noteSession } from './request-context';
import type { ConsoleSession } from '@/lib/schemas/session';
import { noteRequestUser } from './request-id';
import { renewSessionCookie, resolveSession } from './session';
import { isMutation } from './methods';

export const maxBodyBytes = 64 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  /** viewers read, admins mutate */
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
}

export interface RouteInput<P, Q, B> {
  req: NextRequest;
  session: ConsoleSession;
  params: P;
  query: Q;
  body: B;
}

/** Next 16 hands route handlers their params as a promise. */
export interface RouteContext {
  params: Promise<unknown>;
}

/** A handler either returns data (200 JSON) or a Response it built (201, 204, ...). */
export type RouteResult = Response | object | null;

/**
 * Field path → messages, in the envelope's `details` (`""` for the input as a whole). Query and
 * path values are flat strings, so their issues are reported under the parameter's name (not e.g.
 * `columns.0` of a split list).
 */
export function fieldErrors(error: z.ZodError, flat = false): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = flat ? issue.path.slice(0, 1) : issue.path;
    const key = path.map(String).join('.');
    details[key] = [...(details[key] ?? []), issue.message];
  }
  return details;
}

export function parseOrThrow<S extends Schema>(schema: S, value: unknown, what: 'path' | 'query' | 'request body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = fieldErrors(parsed.error, what !== 'request body');
    throw new AppError(400, 'bad_request', `The ${what} is not valid.`, { details });
  }
  return parsed.data;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Mutations must come from ScanDeck's own pages: custom header, same Origin, not cross-site. */
function checkCsrf(req: NextRequest): void {
  if (req.headers.get('x-csrf') !== '1') throw new AppError(403, 'csrf', 'Missing X-CSRF header.');
  if (req.headers.get('sec-fetch-site') === 'cross-site') throw new AppError(403, 'csrf', 'Cross-site request refused.');
  const origin = req.headers.get('origin');
  const host = req.headers.get('host');
  const allowed = new Set<string>();
  if (host) allowed.add(`${req.nextUrl.protocol}//${host}`);
  const configured = originOf(getEnv().auth.url);
  if (configured) allowed.add(configured);
  if (!origin || !allowed.has(origin)) throw new AppError(403, 'csrf', 'Request origin refused.');
}

async function readJsonBody(req: NextRequest, allowEmpty = false): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  // No body at all (e.g. a DELETE whose body is optional) reaches the schema as undefined.
  if (type === '' && req.body === null) return undefined;
  // Behind `next start` a body-less DELETE still arrives with an (empty) stream: read it to know.
  const isUntyped = allowEmpty && type === '';
  if (!isUntyped && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const body = await readLimitedBody(req, maxBodyBytes);
  const size = body?.byteLength ?? 0;
  if (allowEmpty && size === 0) return undefined;
  if (isUntyped) throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json.');
  try {
    return JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    throw new AppError(400, 'bad_request', 'The body is not valid JSON.');
  }
}

/** A query string's names and values for a query schema (also read by a page's first list page, list-first-page.ts). */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  // A repeated name keeps its last value: list queries never take arrays by repetition.
  for (const [key, value] of params) out[key] = value;
  return out;
}

function withNoStore(res: Response): Response {
  res.headers.set('Cache-Control', 'no-store');
  return res;
}

/**
 * JSON answers below this size are sent uncompressed. `next start` gzips every answer whose length it
 * cannot see beforehand, which is every handler's: a zlib stream per answer cost a page of 25 rows
 * (~8 KB) about as much server CPU as the rest of its request, and a 16-way load of list pages spent a
 * fifth of its time in zlib, to save a few KB on the wire. Larger answers (selections, 500-row pages)
 * are still compressed.
 */
export const compressFromBytes = 32 * 1024;

/** A JSON answer with a chosen status (e.g. 201); `no-transform` keeps a small one from being gzipped (see compressFromBytes). */
export function jsonResponse(data: unknown, status = 200): Response {
  const text = JSON.stringify(data);
  const cacheControl = text.length < compressFromBytes ? 'no-store, no-transform' : 'no-store';
  return new Response(text, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * The one wrapper every API handler uses: session (401), role (403), CSRF on mutations (403),
 * media type (415) and size (413), zod parsing (400), then the handler; errors become the envelope.
 * All of it happens before any vendor is called.
 */
export function route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<Out<P>, Out<Q>, Out<B>>) => Promise<RouteResult> | RouteResult,
): (req: NextRequest, context: RouteContext) => Promise<Response> {
  const answer = async (req: NextRequest, context: RouteContext): Promise<Response> => {
    try {
      const resolved = await resolveSession(req);
      if (!resolved) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
      const { session } = resolved;
      noteSession(session);
      noteRequestUser(req.headers, session.username);
      if (spec.role === 'admin' && session.role !== 'admin') {
        throw new AppError(403, 'forbidden', 'This action needs the admin role.');
      }
      if (isMutation(req.method)) checkCsrf(req);
      const params = (spec.params ? parseOrThrow(spec.params, await context.params, 'path') : undefined) as Out<P>;
      const query = (spec.query ? parseOrThrow(spec.query, queryObject(req.nextUrl.searchParams), 'query') : undefined) as Out<Q>;
      const body = (spec.body ? parseOrThrow(spec.body, await readJsonBody(req), 'request body') : undefined) as Out<B>;
      // A mutation that takes no body still refuses a form post or an oversized upload (415/413).
      if (!spec.body && isMutation(req.method)) await readJsonBody(req, true);
      noteBody(body);
      await openAuditEntry(req, context);
      // Whether the change succeeded or not, other instances hear what it made stale before the answer goes.
      const result = await Promise.resolve(handler({ req, session, params, query, body })).finally(invalidationsPublished);
      const res = result instanceof Response ? withNoStore(result) : jsonResponse(result);
      // A change someone made counts as activity for the idle timeout; reads alone (which a page
      // may repeat by itself) do not.
      if (isMutation(req.method)) await renewSessionCookie(resolved.token, res);
      return res;
    } catch (err) {
      const { status, body, headers } = toErrorBody(err);
      const res = jsonResponse(body, status);
      for (const [name, value] of Object.entries(headers ?? {})) res.headers.set(name, value);
      return res;
    }
  };
  return async (req, context) => withSecurityHeaders(await audited(req, context, () => answer(req, context)));
}
