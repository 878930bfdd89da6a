import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { OrganizationDetail, OrganizationRow } from '@/lib/schemas/organization';
import type { ScanDetail, ScanRow } from '@/lib/schemas/scan';
import type { ListScanTaskHostsResponse, ListScanTasksResponse } from '@/lib/schemas/scan-task';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import type { UserDetail, UserRow } from '@/lib/schemas/user';
import { apiRequest, context, sessionCookie, setTestEnv, writeSciConnections } from '@/lib/testing/bff';
import { hssEnv, hssTest, startHssSimulator } from '@/lib/testing/hss';

/**
 * The vendor contract, from the vendors' own words: every example answer of the five pages in
 * ../shared/api-docs (typos mended) and the variants real answers show, served by the simulator
 * in place of its own answer and read through ScanDeck's clients and route handlers.
 */
const sim = await startHssSimulator();
setTestEnv(sim.url, { ...hssEnv(sim, 'aksk'), SCI_CONNECTIONS_FILE: writeSciConnections(sim) });
const scans = await import('@/app/api/director/scans/route');
const scan = await import('@/app/api/director/scans/[id]/route');
const organizations = await import('@/app/api/director/organizations/route');
const organization = await import('@/app/api/director/organizations/[orgId]/route');
const users = await import('@/app/api/director/users/route');
const user = await import('@/app/api/director/users/[id]/route');
const managers = await import('@/app/api/director/organizations/[orgId]/security-managers/route');
const manager = await import('@/app/api/director/organizations/[orgId]/security-managers/[id]/route');
const tasks = await import('@/app/api/hss/scan-tasks/route');
const taskHosts = await import('@/app/api/hss/scan-tasks/[taskId]/hosts/route');

let viewer: string;
let admin: string;
beforeAll(async () => {
  viewer = await sessionCookie('vic', 'viewer');
  admin = await sessionCookie('ada', 'admin');
});
afterAll(() => sim.close());

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../testing/fixtures/vendor/${name}`, import.meta.url), 'utf8')) as unknown;
}

/** The simulator answers the next matching request with this fixture instead of its own data. */
function serve(name: string, pathPrefix: string, method = 'GET'): void {
  sim.failNext({ pathPrefix, method, response: { status: 200, body: fixture(name) } });
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T & ErrorEnvelope;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

// Director lists are cached per query: each case asks for its own SCI so it reaches the fixture.
let sciId = 9000;
const nextSci = () => ++sciId;

describe('Director scan page examples', () => {
  it('reads the list examples (all SCIs, and SCI #3)', async () => {
    serve('director-scan-list.json', '/rest/mgmt/scan');
    const all = await json<ListResponse<ScanRow>>(await scans.GET(apiRequest(`/api/director/scans?sciId=${nextSci()}`, { cookie: viewer }), context()));
    expect(all.unreadable).toBeUndefined();
    expect(all.items).toEqual([
      {
        id: 2,
        uuid: '6821F741-EF4C-46BA-98AA-E1CD93456220',
        name: 'Basic Scan',
        description: '',
        status: '0',
        sci: { id: 2, name: 'SCI 1', description: '' },
        organization: { id: 2, name: 'Org 1', description: '' },
      },
      {
        id: 5,
        uuid: '09698C92-B1A2-4526-BA9F-4B4A6B0F81BE',
        name: 'Advanced Scan',
        description: '',
        status: '0',
        sci: { id: 3, name: 'SCI 2', description: '' },
        organization: { id: 3, name: 'Org 2', description: '' },
      },
    ]);
    serve('director-scan-list-sci3.json', '/rest/mgmt/scan');
    const sci3 = await json<ListResponse<ScanRow>>(await scans.GET(apiRequest(`/api/director/scans?sciId=${nextSci()}`, { cookie: viewer }), context()));
    expect(sci3.items.map((s) => s.id)).toEqual([5]);
  });

  it('reads the detail example: flat references, zoneUUID "", pluginID -1, maxScanTime "unlimited"', async () => {
    serve('director-scan-detail.json', '/rest/mgmt/scan/900043');
    const row = await json<ScanDetail>(await scan.GET(apiRequest('/api/director/scans/900043', { cookie: viewer }), context({ id: '900043' })));
    expect(row).toMatchObject({
      id: 43,
      uuid: 'B0DD6E59-850B-421B-9498-74DE0177CF64',
      name: 'Basic Scan',
      sciScanId: 1,
      ipList: '192.26.28.0/24',
      type: 'policy',
      policy: { uuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC' },
      repository: { uuid: '6ED5492E-0D90-401B-892D-D1DAF28EAC12' },
      owner: { uuid: 'F7791B94-A722-4C77-A722-7529CF19D68D' },
      zone: null,
      plugin: null,
      dhcpTracking: true,
      timeoutAction: 'rollover',
      status: '0',
      maxScanTime: null,
      createdTime: '2022-03-04T21:37:51.000Z',
      sci: { id: 4, name: 'SCI 3', description: '' },
      organization: { id: 3, name: 'Org 4', description: '' },
    });
    expect(row.unreadable).toBeUndefined();
  });

  it('reads the create and delete examples', async () => {
    serve('director-scan-create.json', '/rest/mgmt/scan', 'POST');
    const input = {
      name: 'Basic Scan',
      sciId: 4,
      ownerUuid: 'F7791B94-A722-4C77-A722-7529CF19D68D',
      policyUuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC',
      repositoryUuid: '6ED5492E-0D90-401B-892D-D1DAF28EAC12',
      ipList: '192.26.28.0/24',
    };
    const created = await json<ScanRow>(await scans.POST(apiRequest('/api/director/scans', { method: 'POST', cookie: admin, body: input }), context()), 201);
    expect(created).toMatchObject({ id: 43, name: 'Basic Scan', maxScanTime: null, zone: null });
    serve('director-scan-delete.json', '/rest/mgmt/scan/900043', 'DELETE');
    const deleted = await scan.DELETE(apiRequest('/api/director/scans/900043', { method: 'DELETE', cookie: admin }), context({ id: '900043' }));
    expect(deleted.status).toBe(204);
  });

  it('reads the variants: object references without uuid, All Zones, unknown status, bare and extra fields, odd fields, no id', async () => {
    serve('director-scan-variants.json', '/rest/mgmt/scan');
    // Lists carry the columns asked for: ask for every one these records exercise.
    const columns = 'status,sci,organization,policy,owner,creator,repository,zone,plugin,maxScanTime,createdTime';
    const list = await json<ListResponse<ScanRow>>(
      await scans.GET(apiRequest(`/api/director/scans?sciId=${nextSci()}&columns=${columns}`, { cookie: viewer }), context()),
    );
    const byId = new Map(list.items.map((s) => [s.id, s]));
    expect([...byId.keys()]).toEqual([101, 102, 103, 104, 105, 106]);
    expect(byId.get(101)).toMatchObject({ zone: null, plugin: null, maxScanTime: 3600, policy: { uuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC' } });
    expect(byId.get(102)).toMatchObject({
      policy: { id: 2, name: 'Basic Network Scan' },
      repository: { id: 6, name: 'Local IPv4' },
      zone: { id: -1, name: 'All Zones' },
      owner: { id: 7, name: 'Quinn Avery (qa)' },
      creator: { id: 7, uuid: 'AB1D4170-E362-4637-AE7C-F29D77B37A8F', name: 'qa' },
      plugin: null,
      maxScanTime: null,
    });
    expect(byId.get(103)?.status).toBe('7');
    expect(byId.get(104)).toEqual({ id: 104, uuid: 'A1D2C3B4-0000-4000-8000-000000000104' });
    expect(Object.keys(byId.get(105)!).sort()).toEqual(['id', 'name', 'organization', 'sci', 'status', 'uuid']);
    expect(JSON.stringify(list)).not.toMatch(/hunter2|isAdmin|"secret"|canUse|ownerGroup/);
    // Odd fields are left out, the rest of the record kept; "" where a number goes is "not set".
    expect(byId.get(106)).toEqual({ id: 106, uuid: 'A1D2C3B4-0000-4000-8000-000000000106', name: 'Odd fields', status: '0', sci: { id: 2, name: 'SCI 1' } });
    expect(list.unreadable).toEqual({ records: 1, fields: 3, example: 'scan 106: organization.id has an unexpected shape' });
  });
});

describe('Director organization page examples', () => {
  it('reads the list example', async () => {
    serve('director-organization-list.json', '/rest/mgmt/organization');
    const list = await json<ListResponse<OrganizationRow>>(
      await organizations.GET(apiRequest('/api/director/organizations?columns=name,sci,userCount&pageSize=10', { cookie: viewer }), context()),
    );
    expect(list.unreadable).toBeUndefined();
    const [first, second] = list.items;
    expect(first).toMatchObject({
      id: 8,
      name: 'Org',
      sci: { id: 3, name: 'ChildSCI', description: 'SCI example description' },
      userCount: 4,
    });
    expect(second).toMatchObject({ id: 9, name: 'Test Org 1', userCount: 1 });
  });

  it('reads the detail example', async () => {
    serve('director-organization-detail.json', '/rest/mgmt/organization/900008');
    const org = await json<OrganizationDetail>(await organization.GET(apiRequest('/api/director/organizations/900008', { cookie: viewer }), context({ orgId: '900008' })));
    expect(org).toMatchObject({
      id: 8,
      sciOrgId: 1,
      name: 'Org',
      description: 'Testing for Policies with New Schema',
      vulnScoringSystem: 'CVSSv2',
      userCount: 4,
      zoneSelection: 'auto_only',
      restrictedIps: '192.168.1.1',
      vulnScoreLow: 1,
      vulnScoreCritical: 40,
      createdTime: '2014-07-25T20:46:54.000Z',
      pubSites: [{ id: 2, name: 'Test1', description: '', type: 'CMRS' }],
      nessusManagers: [],
    });
    expect(org.repositories).toHaveLength(4);
    expect(org.ipInfoLinks?.[0]).toEqual({ name: 'SANS', link: 'https://isc.sans.edu/ipinfo.html?ip=%IP%' });
    expect(org.lces?.map((l) => l.name)).toEqual(['LCE 192.168.1.1', 'NEW LCE', 'qa-lce4x-lifeA']);
    expect(org.unreadable).toBeUndefined();
  });
});

describe('Director user page examples', () => {
  it('reads the list and detail examples, with the Administrator pseudo-organization', async () => {
    serve('director-user-list.json', '/rest/mgmt/user');
    const list = await json<ListResponse<UserRow>>(
      await users.GET(apiRequest(`/api/director/users?sciId=${nextSci()}&columns=username,firstname,lastname,email,sci,organization,role,group,sciUserId`, { cookie: viewer }), context()),
    );
    expect(list.items).toEqual([
      {
        id: 1,
        uuid: '875A7270-E6B1-4FBF-A12E-1381DAED1A99',
        sciUserId: 1,
        sciRoleId: 1,
        sciGroupId: -1,
        username: 'admin',
        firstname: 'Admin',
        lastname: 'User',
        email: '',
        sci: { id: 2, name: 'SCI 1', description: '123' },
        organization: { id: 0, name: 'Administrator', description: '' },
      },
      {
        id: 2,
        uuid: 'AB1D4170-E362-4637-AE7C-F29D77B37A8F',
        sciUserId: 1,
        sciRoleId: 2,
        sciGroupId: 0,
        username: 'qa',
        firstname: 'Organization',
        lastname: 'User',
        email: '',
        sci: { id: 2, name: 'SCI 1', description: '123' },
        organization: { id: 1, name: 'Org 1', description: '' },
      },
    ]);
    serve('director-user-detail.json', '/rest/mgmt/user/900002');
    const one = await json<UserDetail>(await user.GET(apiRequest('/api/director/users/900002', { cookie: viewer }), context({ id: '900002' })));
    expect(one).toMatchObject({ id: 2, username: 'qa', firstname: 'QA', title: '', fax: '', organization: { id: 1 } });
  });

  it('reads a user whose `*` fields came odd or not at all', async () => {
    sim.failNext({
      pathPrefix: '/rest/mgmt/user',
      response: {
        status: 200,
        body: { type: 'regular', error_code: 0, error_msg: '', warnings: [], timestamp: 1, response: [{ id: '3', username: 'lee', SCI: 'SCI 1', sciRoleID: 'two', password: 'x' }] },
      },
    });
    const list = await json<ListResponse<UserRow>>(
      await users.GET(apiRequest(`/api/director/users?sciId=${nextSci()}&columns=username,firstname,lastname,email,sci,organization,role,group,sciUserId`, { cookie: viewer }), context()),
    );
    expect(list.items).toEqual([{ id: 3, username: 'lee' }]);
    expect(list.unreadable).toMatchObject({ records: 0, fields: 2 });
  });
});

describe('Tenable.sc security manager page examples', () => {
  // Security managers are read on the organization's own SCI, under that SCI's organization id.
  const org = [...sim.director.store.organizations.values()][0]!;
  const sciPath = `/sci/${org.sciId}/rest/organization/${org.sciOrgId}/securityManager`;

  it('reads the list and detail examples', async () => {
    serve('security-manager-list.json', sciPath);
    const list = await json<ListResponse<SecurityManagerRow>>(
      await managers.GET(apiRequest(`/api/director/organizations/${org.id}/security-managers`, { cookie: viewer }), context({ orgId: String(org.id) })),
    );
    expect(list.items.map((m) => m.username)).toEqual(['head']);
    expect(JSON.stringify(list)).not.toContain('"SET"');
    serve('security-manager-detail.json', `${sciPath}/1`);
    const one = await json<SecurityManagerRow>(
      await manager.GET(apiRequest(`/api/director/organizations/${org.id}/security-managers/1`, { cookie: viewer }), context({ orgId: String(org.id), id: '1' })),
    );
    expect(one).toMatchObject({ id: 1, username: 'head', authType: 'tns' });
    expect(JSON.stringify(one)).not.toContain('"SET"');
  });
});

describe('HSS vulnerability scan task page example and variants', () => {
  const tasksPath = `/v5/${hssTest.projectId}/vulnerability/scan-tasks`;

  it("reads the document's example: a running task with an end time and no estimate", async () => {
    serve('hss-scan-tasks-list.json', tasksPath);
    const list = await json<ListScanTasksResponse>(await tasks.GET(apiRequest('/api/hss/scan-tasks?page=7&pageSize=10', { cookie: viewer }), context()));
    expect(list.total).toBe(10);
    expect(list.items).toEqual([
      {
        id: '2b31ed520xxxxxxebedb6e57xxxxxxxx',
        scanType: 'manual',
        startTime: 1679042408195,
        endTime: 1679042408295,
        vulTypes: ['linux_vul'],
        status: 'running',
        scanningHosts: 1,
        successHosts: 1,
        failedHosts: 1,
      },
    ]);
  });

  it('reads estimates as minutes (or an epoch-seconds end), keeps unknown values, skips a task without id', async () => {
    serve('hss-scan-tasks-variants.json', tasksPath);
    const list = await json<ListScanTasksResponse>(await tasks.GET(apiRequest('/api/hss/scan-tasks?page=8&pageSize=10', { cookie: viewer }), context()));
    const byId = new Map(list.items.map((t) => [t.id, t]));
    expect([...byId.keys()]).toEqual(['task-paused', 'task-no-estimate', 'task-epoch-seconds', 'task-extra', 'task-bare']);
    const start = 1679042408195;
    expect(byId.get('task-paused')).toMatchObject({ status: 'paused', estimatedMinutes: 30, expectedEnd: start + 30 * 60_000 });
    expect(byId.get('task-no-estimate')).not.toHaveProperty('expectedEnd');
    expect(byId.get('task-no-estimate')).not.toHaveProperty('estimatedMinutes');
    expect(byId.get('task-epoch-seconds')).toMatchObject({ estimatedMinutes: 60, expectedEnd: 1679046008000 });
    expect(byId.get('task-extra')).toEqual({
      id: 'task-extra',
      scanType: 'hourly',
      startTime: start,
      endTime: 1679042508195,
      vulTypes: ['linux_vul', 'future_vul'],
      status: 'finished',
      scanningHosts: 0,
      successHosts: 4,
      failedHosts: 1,
    });
    expect(byId.get('task-bare')).toEqual({ id: 'task-bare', vulTypes: [] });
    expect(JSON.stringify(list)).not.toContain('secret-should-not-pass');
    expect(list.unreadable).toEqual({ records: 1, fields: 0, example: 'task without id skipped: no usable id' });
  });

  it('reads per-type host results from vul_scan_details, falls back to failed_reasons, keeps unknown values', async () => {
    sim.failNext({ pathPrefix: `/v5/${hssTest.projectId}/vulnerability/scan-task/task-paused/hosts`, response: { status: 200, body: fixture('hss-task-hosts-variants.json') } });
    const page = await json<ListScanTaskHostsResponse>(
      await taskHosts.GET(apiRequest('/api/hss/scan-tasks/task-paused/hosts?pageSize=10', { cookie: viewer }), context({ taskId: 'task-paused' })),
    );
    expect(page.items).toEqual([
      {
        hostId: 'host-details-only',
        hostName: 'ecs-web-prod-01',
        publicIp: '',
        privateIp: '192.168.0.10',
        assetValue: 'important',
        scanStatus: 'failed',
        vulScans: [
          { vulType: 'linux_vul', status: 'failed', reason: 'The agent is offline.' },
          { vulType: 'web_cms', status: 'success' },
        ],
      },
      {
        hostId: 'host-deprecated-only',
        hostName: 'ecs-db-prod-02',
        publicIp: '',
        privateIp: '192.168.0.11',
        assetValue: 'common',
        scanStatus: 'failed',
        vulScans: [{ vulType: 'linux_vul', status: 'failed', reason: 'The scan timed out.' }],
      },
      {
        hostId: 'host-unknown-values',
        hostName: 'ecs-k8s-node-03',
        privateIp: '192.168.0.12',
        assetValue: 'critical',
        scanStatus: 'queued',
        vulScans: [{ vulType: 'linux_vul', status: 'waiting' }],
      },
      { hostId: 'host-bare', vulScans: [] },
    ]);
    expect(JSON.stringify(page)).not.toContain('should-not-pass');
    expect(page.unreadable).toEqual({ records: 1, fields: 0, example: 'host without host_id skipped: no usable host_id' });
  });
});
