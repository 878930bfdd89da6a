import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuditEvent } from '@/lib/schemas/audit';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { apiRequest, context, setTestEnv, startDirectorSimulator, writeSciConnections, testSessions } from '@/lib/testing/bff';
import type { SignInState } from '../request-context';

const sim = await startDirectorSimulator(5);
// Delays would only slow these tests; the throttle has its own.
const { usersFile } = setTestEnv(sim.url, { SCI_CONNECTIONS_FILE: writeSciConnections(sim), SIGNIN_SLOW_AFTER: '50' });
const { hashPassword } = await import('../password');
writeFileSync(
  usersFile,
  JSON.stringify({
    users: [
      { username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-123') },
      { username: 'vic', role: 'viewer', passwordHash: await hashPassword('vic-password-123') },
    ],
  }),
);
const scanDetail = await import('@/app/api/director/scans/[id]/route');
const managers = await import('@/app/api/director/organizations/[orgId]/security-managers/route');
const { route, jsonResponse } = await import('../route');
const { getAuditStore } = await import('./trail');
const { dropProcessSingleton } = await import('../process-singletons');
const { authorizeThrottled } = await import('../auth');
const { runWithRequestContext } = await import('../request-context');
const { peerStamp } = await import('../client-address');

/** Recognisable, so a byte search of the database file finds it if it ever got in. */
const recognisablePassword = 'Zebra-Canary-Pa55word-7391';

const { admin, viewer } = await testSessions();
afterAll(() => sim.close());

const auditFile = () => getAuditStore().location;

/** Reads the trail on a connection of its own: what another process (or a restart) would see. */
function onDisk(): Omit<AuditEvent, 'summary'>[] {
  if (!existsSync(auditFile())) return [];
  const db = new Database(auditFile(), { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM audit_event ORDER BY id').all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as number,
      time: new Date(r.at_ms as number).toISOString(),
      username: r.username as string | null,
      role: r.role as AuditEvent['role'],
      action: r.action as string,
      target: JSON.parse(r.target as string) as Record<string, string>,
      outcome: r.outcome as AuditEvent['outcome'],
      status: r.status as number | null,
      errorCode: r.error_code as string | null,
      upstreamCode: r.upstream_code as string | null,
      requestIds: (r.request_ids as string) ? (r.request_ids as string).split(' ') : [],
      address: r.address as string | null,
      count: r.count as number,
    }));
  } finally {
    db.close();
  }
}
const lastOnDisk = () => onDisk().at(-1);

/** The database and its write-ahead log as raw bytes, for the "never stored" checks. */
function rawTrail(): string {
  return ['', '-wal']
    .map((suffix) => `${auditFile()}${suffix}`)
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}

const store = sim.director.store;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function deleteScan(id: string, cookie: string | undefined, headers: Record<string, string> = {}) {
  return scanDetail.DELETE(apiRequest(`/api/director/scans/${id}`, { method: 'DELETE', ...(cookie ? { cookie } : {}), headers }), context({ id }));
}

describe('the route wrapper writes the audit trail', () => {
  it('records a successful mutation on disk before the answer is returned', async () => {
    const scan = [...store.scans.values()][0]!;
    const before = Date.now();
    // The socket peer, not what the client wrote in X-Forwarded-For (no proxy is trusted here).
    const res = await deleteScan(String(scan.id), admin, Object.fromEntries([peerStamp('203.0.113.7'), ['x-forwarded-for', '10.0.0.1, 198.51.100.99']]));
    // Read straight away, on another connection: nothing may still be on its way to the disk.
    const event = lastOnDisk();
    expect(res.status).toBe(204);
    expect(store.scans.find(String(scan.id))).toBeUndefined();
    expect(event).toMatchObject({
      username: 'ada',
      role: 'admin',
      action: 'DELETE /api/director/scans/{id}',
      target: { id: String(scan.id) },
      outcome: 'success',
      status: 204,
      errorCode: null,
      address: '203.0.113.7',
    });
    expect(event!.requestIds.length).toBeGreaterThan(0);
    for (const id of event!.requestIds) expect(id).toMatch(uuidPattern);
    expect(Date.parse(event!.time)).toBeGreaterThanOrEqual(before - 5);
    expect(event!.time).toMatch(/Z$/);
  });

  it('records a vendor refusal with the vendor code and the request id the browser was shown', async () => {
    const res = await deleteScan('987654', admin);
    const body = (await res.json()) as ErrorEnvelope;
    const event = lastOnDisk();
    expect(res.status).toBe(404);
    expect(body.error.upstream?.code).toBe('146');
    expect(event).toMatchObject({
      username: 'ada',
      action: 'DELETE /api/director/scans/{id}',
      target: { id: '987654' },
      outcome: 'refused',
      status: 404,
      errorCode: 'not_found',
      upstreamCode: '146',
    });
    expect(event!.requestIds).toContain(body.error.upstream?.requestId);
  });

  it('records a viewer refused with 403, and Director is never asked', async () => {
    const scan = [...store.scans.values()][0]!;
    const res = await deleteScan(String(scan.id), viewer);
    expect(res.status).toBe(403);
    expect(store.scans.find(String(scan.id))).toBeDefined();
    expect(lastOnDisk()).toMatchObject({
      username: 'vic',
      role: 'viewer',
      action: 'DELETE /api/director/scans/{id}',
      outcome: 'refused',
      status: 403,
      errorCode: 'forbidden',
      requestIds: [],
    });
  });

  it('records a CSRF refusal with the user whose browser was used', async () => {
    const scan = [...store.scans.values()][0]!;
    const res = await deleteScan(String(scan.id), admin, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(lastOnDisk()).toMatchObject({ username: 'ada', outcome: 'refused', status: 403, errorCode: 'csrf' });
  });

  it('does not write requests without a session, nor reads that were allowed', async () => {
    const count = onDisk().length;
    expect((await deleteScan('1', undefined)).status).toBe(401);
    const read = await scanDetail.GET(
      apiRequest(`/api/director/scans/${[...store.scans.values()][0]!.id}`, { cookie: viewer }),
      context({ id: String([...store.scans.values()][0]!.id) }),
    );
    expect(read.status).toBe(200);
    expect(onDisk()).toHaveLength(count);
  });

  it('records a viewer refused on an admin-only read', async () => {
    const adminRead = route({ role: 'admin' }, () => ({ ok: true }));
    const res = await adminRead(apiRequest('/api/audit', { cookie: viewer }), context());
    expect(res.status).toBe(403);
    expect(lastOnDisk()).toMatchObject({ username: 'vic', action: 'GET /api/audit', outcome: 'refused', errorCode: 'forbidden' });
  });

  it('writes the entry as pending before the handler runs, then completes that same entry', async () => {
    let seenDuringHandler: Omit<AuditEvent, 'summary'> | undefined;
    const create = route({ role: 'admin', params: z.object({ orgId: z.string() }), body: z.object({ name: z.string() }) }, () => {
      seenDuringHandler = lastOnDisk();
      return jsonResponse({ id: 42, name: 'made', secretKey: 'never-this' }, 201);
    });
    const res = await create(apiRequest('/api/things/7', { method: 'POST', cookie: admin, body: { name: 'asked' } }), context({ orgId: '7' }));
    expect(res.status).toBe(201);
    expect(seenDuringHandler).toMatchObject({ action: 'POST /api/things/{orgId}', outcome: 'pending', status: null, target: { orgId: '7', name: 'asked' } });
    const done = lastOnDisk();
    expect(done?.id).toBe(seenDuringHandler?.id);
    expect(done).toMatchObject({ outcome: 'success', status: 201, target: { orgId: '7', id: '42', name: 'made' } });
    expect(JSON.stringify(done)).not.toContain('never-this');
  });

  it('refuses a mutation with 503 and asks no vendor when the trail cannot be written', async () => {
    const scan = [...store.scans.values()][1]!;
    await getAuditStore().close();
    try {
      const res = await deleteScan(String(scan.id), admin);
      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorEnvelope).error.code).toBe('audit_unavailable');
      expect(store.scans.find(String(scan.id))).toBeDefined();
    } finally {
      dropProcessSingleton('auditStore');
    }
    expect((await deleteScan(String(scan.id), admin)).status).toBe(204);
  });
});

describe('passwords never enter the trail', () => {
  it('keeps the username of a created security manager and drops its password', async () => {
    const org = [...store.organizations.values()].find((o) => [...store.assets.values()].some((a) => a.sciId === o.sciId))!;
    // The SCI's own id of its first asset list.
    const asset = { id: 1 };
    const username = `audit.${Date.now().toString(36)}`;
    const res = await managers.POST(
      apiRequest(`/api/director/organizations/${org.id}/security-managers`, {
        method: 'POST',
        cookie: admin,
        body: { username, password: recognisablePassword, responsibleAssetId: asset.id },
      }),
      context({ orgId: String(org.id) }),
    );
    expect(res.status).toBe(201);
    expect(lastOnDisk()).toMatchObject({
      action: 'POST /api/director/organizations/{orgId}/security-managers',
      target: { orgId: String(org.id), username, sci: String(org.sciId) },
      outcome: 'success',
    });
    expect(rawTrail()).toContain(username);
    expect(rawTrail()).not.toContain(recognisablePassword);
  });

  it('ignores every body field outside the label allowlist, even nested or refused', async () => {
    const mutate = route(
      { role: 'admin', body: z.object({ name: z.string(), password: z.string(), apiKey: z.string(), nested: z.object({ password: z.string() }) }) },
      () => {
        throw new Error('boom');
      },
    );
    const body = { name: 'label-ok', password: recognisablePassword, apiKey: `${recognisablePassword}-k`, nested: { password: `${recognisablePassword}-n` } };
    const res = await mutate(apiRequest('/api/x', { method: 'POST', cookie: admin, body }), context());
    expect(res.status).toBe(500);
    expect(lastOnDisk()).toMatchObject({ target: { name: 'label-ok' }, outcome: 'failed', errorCode: 'internal' });
    expect(rawTrail()).not.toContain(recognisablePassword);
  });
});

describe('sign-in events', () => {
  /** next-auth's `authorize` as the guard of /api/auth runs it: with the client's address in the request context. */
  const authorize =
    () =>
    (credentials: unknown, address = '198.51.100.4') =>
      runWithRequestContext(async (requestContext) => {
        requestContext.signIn = { address };
        const user = await authorizeThrottled(credentials);
        return user;
      });
  const req = '198.51.100.4';

  it('records a success with the user, role and address', async () => {
    expect(await authorize()({ username: 'ada', password: 'ada-password-123' }, req)).toMatchObject({ username: 'ada' });
    expect(lastOnDisk()).toMatchObject({ action: 'sign-in', username: 'ada', role: 'admin', outcome: 'success', status: 200, address: '198.51.100.4' });
  });

  it('records a wrong password as a failure without the password', async () => {
    expect(await authorize()({ username: 'vic', password: recognisablePassword }, req)).toBeNull();
    expect(lastOnDisk()).toMatchObject({ action: 'sign-in', username: 'vic', outcome: 'failed', status: 401, errorCode: 'bad_credentials' });
    expect(rawTrail()).not.toContain(recognisablePassword);
  });

  it('keeps a name that matches no user only as a tag, since it may be a password typed in the wrong box', async () => {
    const typedAsUsername = `${recognisablePassword}-u`;
    expect(await authorize()({ username: typedAsUsername, password: 'x' }, req)).toBeNull();
    const first = lastOnDisk();
    expect(first).toMatchObject({ username: null, role: null, outcome: 'failed' });
    expect(first?.target.unknownUser).toMatch(/^[0-9a-f]{12}$/);
    await authorize()({ username: typedAsUsername, password: 'y' }, req);
    expect(lastOnDisk()?.target.unknownUser).toBe(first?.target.unknownUser);
    expect(rawTrail()).not.toContain(recognisablePassword);
  });

  it('records throttled attempts as refused (429) from the address counted, one row a minute with a count', async () => {
    const states = [];
    for (let i = 0; i < 8; i++) {
      states.push(
        await runWithRequestContext(async (requestContext) => {
          const state = { address: '192.0.2.9' } as { address: string; throttledS?: number };
          requestContext.signIn = state;
          await authorizeThrottled({ username: 'vic', password: recognisablePassword });
          return state;
        }),
      );
    }
    expect(states.map((s) => s.throttledS !== undefined)).toEqual([false, false, false, false, false, true, true, true]);
    expect(lastOnDisk()).toMatchObject({
      action: 'sign-in',
      username: null,
      outcome: 'refused',
      status: 429,
      errorCode: 'too_many_requests',
      address: '192.0.2.9',
      count: 3,
    });
    expect(rawTrail()).not.toContain(recognisablePassword);
  });

  it('refuses the sign-in, saying the trail is unavailable, when it cannot be recorded', async () => {
    await getAuditStore().close();
    try {
      const state = await runWithRequestContext(async (requestContext) => {
        const signIn: SignInState = { address: '198.51.100.5' };
        requestContext.signIn = signIn;
        expect(await authorizeThrottled({ username: 'ada', password: 'ada-password-123' })).toBeNull();
        return signIn;
      });
      expect(state.unavailable).toBe('audit_unavailable');
    } finally {
      dropProcessSingleton('auditStore');
    }
  });

  it('kept everything across the whole file: a reopened store reads the same trail', async () => {
    const before = onDisk();
    await getAuditStore().close();
    dropProcessSingleton('auditStore');
    const reopened = (await getAuditStore().list({ page: 1, pageSize: 100, order: 'asc' })).items;
    expect(reopened.map((e) => e.id).sort((a, b) => a - b)).toEqual(before.map((e) => e.id).filter((id) => reopened.some((e) => e.id === id)));
    expect(join(auditFile())).toContain('audit.sqlite');
  });
});
