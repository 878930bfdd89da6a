import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import type { Role } from '@/lib/schemas/common';
import { sciKeysFor } from '@/simulator/sci';
import { startSimulator, type Simulator } from '@/simulator/server';

/** Test-only helpers for the BFF: environment, users file, session cookies, requests. */

export const testSecret = 'test-secret-0123456789-abcdefghijklmnop';
export const appOrigin = 'http://localhost:3000';
export const directorKeys = { accessKey: 'test-access-key-1111', secretKey: 'test-secret-key-2222' };

/**
 * Must run before any lib/server module reads the environment (getEnv caches), so test files call
 * it at the top and import route modules dynamically afterwards.
 */
export function setTestEnv(directorUrl: string, extra: Record<string, string> = {}): { usersFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scandeck-bff-'));
  const usersFile = join(dir, 'users.json');
  // Hash values are never checked by these tests: sessions are minted directly.
  writeUsers(usersFile, [
    { username: 'ada', role: 'admin' },
    { username: 'vic', role: 'viewer' },
  ]);
  Object.assign(process.env, {
    DIRECTOR_URL: directorUrl,
    DIRECTOR_ACCESS_KEY: directorKeys.accessKey,
    DIRECTOR_SECRET_KEY: directorKeys.secretKey,
    DIRECTOR_TIMEOUT_MS: '2000',
    DASHBOARD_USERS_FILE: usersFile,
    AUTH_SECRET: testSecret,
    NEXTAUTH_URL: appOrigin,
    // Each test file keeps its own audit trail, never the project's .data/.
    SCANDECK_DATA_DIR: dir,
    ...extra,
  });
  return { usersFile };
}

export function writeUsers(file: string, users: Array<{ username: string; role: Role }>): void {
  const hash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  writeFileSync(file, JSON.stringify({ users: users.map((u) => ({ ...u, passwordHash: hash })) }));
}

/** A session as sign-in makes it; `authTime` (seconds) lets a test age it. */
export async function sessionCookie(username: string, role: Role, times: { sid?: string; authTime?: number } = {}): Promise<string> {
  const authTime = times.authTime ?? Math.floor(Date.now() / 1000);
  const sid = times.sid ?? `sid-${username}-${authTime}-${Math.random().toString(36).slice(2)}`;
  const token = await encode({ token: { sub: username, name: username, username, role, sid, authTime }, secret: testSecret });
  return `next-auth.session-token=${token}`;
}

export interface TestRequestInit {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request as the browser would send it from ScanDeck's own pages (CSRF header and Origin set on mutations). */
export function apiRequest(path: string, init: TestRequestInit = {}): NextRequest {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { host: 'localhost:3000' };
  if (init.cookie) headers.cookie = init.cookie;
  if (method !== 'GET') {
    headers['x-csrf'] = '1';
    headers.origin = appOrigin;
  }
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  return new NextRequest(`${appOrigin}${path}`, { method, headers: { ...headers, ...init.headers }, body });
}

export function context(params: Record<string, string> = {}): { params: Promise<Record<string, string>> } {
  return { params: Promise.resolve(params) };
}

/** A simulator holding the test Director keys, for handler tests of the Director routes. */
export function startDirectorSimulator(seed: number): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed,
    director: directorKeys,
    hss: { projectId: 'p-test', ak: 'AK-TEST', sk: 'SK-TEST' },
    iam: { domain: 'd', username: 'u', password: 'iam-test-password', projectName: 'cn-north-4', projectId: 'p-test' },
  });
}

/**
 * A 0600 SCI connections file connecting every simulated SCI but `unconnected` (each at its own
 * path prefix, with its own key pair), for SCI_CONNECTIONS_FILE.
 */
export function writeSciConnections(sim: Simulator, unconnected: number[] = [], baseUrl = sim.url): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scandeck-scis-')), 'scis.json');
  const scis = [...sim.director.store.scis.values()]
    .filter((sci) => !unconnected.includes(sci.id))
    .map((sci) => ({ id: sci.id, url: `${baseUrl}${sim.scis.prefixOf(sci.id)}`, ...sciKeysFor(directorKeys, sci.id), timeoutMs: 2000 }));
  writeFileSync(file, JSON.stringify({ scis }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** ada the admin and vic the viewer, the two sessions handler tests act as. */
export async function testSessions(): Promise<{ admin: string; viewer: string }> {
  return { admin: await sessionCookie('ada', 'admin'), viewer: await sessionCookie('vic', 'viewer') };
}

type GetHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A GET handler called as the browser would call it, with its status and JSON answer. */
export async function getJson<T>(
  handler: GetHandler,
  path: string,
  cookie: string,
  params: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await handler(apiRequest(path, { cookie }), context(params));
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/**
 * The Director list the cache holds under `key` (e.g. `users?sciID=&orgID=`), while it is fresh:
 * a test compares it by identity to tell a kept list from a new one. A list that is not held fails.
 */
export async function heldDirectorList(key: string): Promise<unknown> {
  const { directorListCache } = await import('@/lib/server/list-cache');
  const held = await directorListCache().get(key, {
    load: () => Promise.reject(new Error(`no list held under ${key}`)),
    read: () => undefined,
    options: { searchText: () => [], sortValue: () => undefined },
  });
  return held.list;
}
