import 'server-only';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getEnv } from './env';
import { onEveryRequest } from './http-hook';
import { logger } from './log';
import { observeRequest } from './metrics';
import { noteRequestActivity, type PendingRequest, pendingRequests, requestIdHeader } from './request-id';

/**
 * One log line and one metrics sample per HTTP request, written when the answer is done. The
 * request gets an id as it enters Node's HTTP server (see request-id.ts; `X-Request-Id` on the
 * answer, so an operator can find a user's request); the handlers add who asked, by that id. The route is the app's route pattern (`/scans/[id]`), never
 * the path a client sent, so the log and the metrics stay grouped however ids and queries vary.
 */

interface RouteMatcher {
  pattern: string;
  regex: RegExp;
  /** per segment, whether it is dynamic: a static segment wins over a dynamic one at the same place */
  shape: boolean[];
}

const routesKey = Symbol.for('scandeck.routeMatchers');
type RoutesHolder = { [routesKey]?: RouteMatcher[] };

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcherOf(pattern: string): RouteMatcher {
  const segments = pattern.split('/').filter(Boolean);
  const parts = segments.map((segment) => {
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) return '(?:/.*)?';
    if (/^\[\.\.\..+\]$/.test(segment)) return '/.+';
    if (/^\[.+\]$/.test(segment)) return '/[^/]+';
    return `/${escapeRegex(segment)}`;
  });
  return { pattern, regex: new RegExp(`^${parts.join('') || '/'}$`), shape: segments.map((s) => s.startsWith('[')) };
}

function bySpecificity(a: RouteMatcher, b: RouteMatcher): number {
  for (let i = 0; i < Math.max(a.shape.length, b.shape.length); i++) {
    const x = a.shape[i];
    const y = b.shape[i];
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return x ? 1 : -1;
  }
  return 0;
}

/** The app's routes as `next build` listed them (`/scans/[id]`, `/api/director/scans/[id]`, ...). */
function routeMatchers(): RouteMatcher[] {
  const holder = globalThis as RoutesHolder;
  if (holder[routesKey]) return holder[routesKey];
  let patterns: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(getEnv().ops.distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, unknown>;
    patterns = [...new Set(Object.values(manifest).filter((v): v is string => typeof v === 'string'))];
  } catch {
    // No build output (tests that call handlers directly): every path counts as unmatched.
  }
  holder[routesKey] = patterns.map(matcherOf).sort(bySpecificity);
  return holder[routesKey];
}

/** The route pattern a path belongs to, from a fixed set: never the path itself. */
export function routeOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/_next/static/')) return '/_next/static';
  if (path.startsWith('/_next/')) return '/_next';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is matched as sent.
  }
  for (const matcher of routeMatchers()) if (matcher.regex.test(path) || matcher.regex.test(decoded)) return matcher.pattern;
  return 'unmatched';
}

function track(req: IncomingMessage, res: ServerResponse): void {
  const id = randomUUID();
  // Overwrites whatever a client sent under this name: only this server's ids are believed.
  req.headers[requestIdHeader] = id;
  res.setHeader('X-Request-Id', id);
  const started = performance.now();
  noteRequestActivity();
  const pending: PendingRequest = {};
  const all = pendingRequests();
  all.set(id, pending);
  res.once('close', () => {
    all.delete(id);
    noteRequestActivity();
    const durationMs = performance.now() - started;
    const route = routeOf(req.url);
    const method = req.method ?? 'GET';
    const status = res.statusCode;
    observeRequest(method, route, status, durationMs / 1000);
    logger().info(
      {
        event: 'request',
        reqId: id,
        method,
        route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        user: pending.user ?? null,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
}

/** Logs and measures every request the HTTP server receives (see http-hook.ts). */
export function installRequestLog(): Promise<void> {
  return onEveryRequest(track);
}
