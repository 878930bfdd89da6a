import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { OrganizationRow } from '@/lib/schemas/organization';
import type { ScanRow } from '@/lib/schemas/scan';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import type { UserRow } from '@/lib/schemas/user';
import { parseCsv } from '@/lib/testing/csv';
import { apiRequest, context, getJson, setTestEnv, startDirectorSimulator, testSessions, writeSciConnections } from '@/lib/testing/bff';

/** CSV export of the Director and SCI lists through the real routes, against the simulator. */
const sim = await startDirectorSimulator(17);
setTestEnv(sim.url, { SCI_CONNECTIONS_FILE: writeSciConnections(sim) });
const scans = await import('./scans/route');
const scansExport = await import('./scans/export/route');
const users = await import('./users/route');
const usersExport = await import('./users/export/route');
const organizations = await import('./organizations/route');
const organizationsExport = await import('./organizations/export/route');
const managers = await import('./organizations/[orgId]/security-managers/route');
const managersExport = await import('./organizations/[orgId]/security-managers/export/route');

const { viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;

type Handler = typeof scansExport.GET;

async function exportCsv(handler: Handler, path: string, params: Record<string, string> = {}) {
  const res = await handler(apiRequest(path, { cookie: viewer }), context(params));
  return { res, rows: parseCsv(await res.text()) };
}

/** Every row of a list as the table pages through it (100 a page). */
async function allRows<T>(handler: Handler, path: string, params: Record<string, string> = {}): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await getJson<ListResponse<T>>(handler, `${path}&pageSize=100&page=${page}`, viewer, params);
    expect(status).toBe(200);
    out.push(...body.items);
    if (out.length >= body.total) return out;
  }
}

describe('GET /api/director/scans/export', () => {
  it('writes every scan matching the filter and search, in the sort asked, with the columns asked', async () => {
    const sciId = [...store.scis.values()][0]!.id;
    const query = `sciId=${sciId}&q=a&sort=name&order=desc&columns=name,status,sci,organization`;
    const listed = await allRows<ScanRow>(scans.GET, `/api/director/scans?${query}`);
    expect(listed.length).toBeGreaterThan(3);

    const { res, rows } = await exportCsv(scansExport.GET, `/api/director/scans/export?${query}&page=1&pageSize=10`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="scandeck-scans-[\dT-]+Z\.csv"$/);
    expect(res.headers.get('x-export-total')).toBe(String(listed.length));
    const [header, ...body] = rows;
    expect(header).toEqual(['id', 'name', 'status', 'sci', 'organization']);
    // Every row, not the page the table was on; references by name.
    expect(body.map((r) => Number(r[0]))).toEqual(listed.map((s) => s.id));
    expect(body.map((r) => r[3])).toEqual(listed.map((s) => s.sci?.name ?? ''));
    expect(body.map((r) => r[4])).toEqual(listed.map((s) => s.organization?.name ?? ''));
  });

  it('defuses a name a spreadsheet would run as a formula', async () => {
    const scan = [...store.scans.values()].at(-1)!;
    scan.name = '=HYPERLINK("http://evil.example","open")';
    const { rows } = await exportCsv(scansExport.GET, `/api/director/scans/export?q=evil.example&refresh=1`);
    expect(rows[1]?.[1]).toBe(`'=HYPERLINK("http://evil.example","open")`);
  });

  it('refuses a bad query with field errors, before writing any file', async () => {
    const res = await scansExport.GET(apiRequest('/api/director/scans/export?sort=password', { cookie: viewer }), context());
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorEnvelope).error.details).toHaveProperty('sort');
    const anonymous = await scansExport.GET(apiRequest('/api/director/scans/export'), context());
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/director/users/export and organizations/export', () => {
  it('writes every user of an organization with role and group as the table shows them', async () => {
    const org = [...store.organizations.values()].find((o) => (store.usersByOrg.get(o.id)?.size ?? 0) > 2)!;
    const query = `orgId=${org.id}&sort=username&columns=username,email,role,group`;
    const listed = await allRows<UserRow>(users.GET, `/api/director/users?${query}`);
    const { rows } = await exportCsv(usersExport.GET, `/api/director/users/export?${query}`);
    expect(rows[0]).toEqual(['id', 'username', 'email', 'role', 'group']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(listed.map((u) => u.username));
    expect(rows.slice(1).every((r) => /^(.+ \(\d+\)|Role \d+)$/.test(r[3] ?? ''))).toBe(true);
    expect(rows.slice(1).every((r) => /^(None|Full Access|Unknown group \(id \d+\))$/.test(r[4] ?? ''))).toBe(true);
  });

  it('writes the default columns when none are asked for, every organization of an SCI', async () => {
    const sciId = [...store.scis.values()][1]!.id;
    const listed = await allRows<OrganizationRow>(organizations.GET, `/api/director/organizations?sciId=${sciId}`);
    const { rows } = await exportCsv(organizationsExport.GET, `/api/director/organizations/export?sciId=${sciId}`);
    expect(rows[0]).toEqual(['id', 'name', 'sci', 'description', 'userCount', 'vulnScoringSystem', 'createdTime', 'modifiedTime']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(listed.map((o) => o.id));
  });
});

describe('GET /api/director/organizations/{orgId}/security-managers/export', () => {
  it("writes the organization's security managers from its SCI, in the table's sort", async () => {
    const org = [...store.organizations.values()].find((o) =>
      [...(store.usersByOrg.get(o.id) ?? [])].some((id) => store.users.byId.get(id)?.securityManager !== undefined),
    )!;
    const params = { orgId: String(org.id) };
    const query = 'sort=username&order=desc&columns=firstname,lastname,locked';
    const listed = await allRows<SecurityManagerRow>(managers.GET, `/api/director/organizations/${org.id}/security-managers?${query}`, params);
    expect(listed.length).toBeGreaterThan(0);
    const { res, rows } = await exportCsv(managersExport.GET, `/api/director/organizations/${org.id}/security-managers/export?${query}`, params);
    expect(res.headers.get('content-disposition')).toContain(`scandeck-organization-${org.id}-security-managers-`);
    expect(rows[0]).toEqual(['id', 'username', 'firstname', 'lastname', 'locked']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(listed.map((m) => m.username));
    expect(rows.slice(1).every((r) => r[4] === 'yes' || r[4] === 'no')).toBe(true);
  });
});
