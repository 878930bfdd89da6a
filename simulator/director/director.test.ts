import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../server';
import { parseApiKey } from './tenable';
import { ACCESS_KEY, FIXED_NOW, SECRET_KEY, call, nonStringLeaves, ok, record, records, startTestSimulator } from './testing';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

const keys = (value: unknown) => Object.keys(record(value)).sort();

describe('envelope and typing', () => {
  it('wraps every answer in the Tenable envelope with an epoch-seconds timestamp', async () => {
    const { status, envelope } = await call(sim, 'GET', '/rest/mgmt/scan');
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ type: 'regular', error_code: 0, error_msg: '', warnings: [] });
    expect(envelope.timestamp).toBe(Math.floor(FIXED_NOW / 1000));
  });

  it('answers every id, number, time and flag of a scan as a string', async () => {
    const scans = records(await ok(sim, 'GET', '/rest/mgmt/scan'));
    const detail = await ok(sim, 'GET', `/rest/mgmt/scan/${String(scans[0]?.id)}`);
    expect(nonStringLeaves(detail)).toEqual([]);
    expect(record(detail).createdTime).toMatch(/^\d{10}$/);
    expect(['true', 'false']).toContain(record(detail).dhcpTracking);
  });

  it('answers users and organizations with string values only', async () => {
    expect(nonStringLeaves(await ok(sim, 'GET', '/rest/mgmt/user/1'))).toEqual([]);
    expect(nonStringLeaves(await ok(sim, 'GET', '/rest/mgmt/organization/1'))).toEqual([]);
  });
});

describe('x-apikey', () => {
  it('refuses a missing key with 403 and error 146', async () => {
    const { status, envelope } = await call(sim, 'GET', '/rest/mgmt/scan', undefined, {});
    expect(status).toBe(403);
    expect(envelope).toMatchObject({ error_code: 146, error_msg: 'Invalid API key', response: '' });
  });

  it('refuses a wrong secret and a wrong access key', async () => {
    for (const header of [`accesskey=${ACCESS_KEY}; secretkey=wrong;`, `accesskey=wrong; secretkey=${SECRET_KEY};`, `accesskey=${ACCESS_KEY};`]) {
      const { status, envelope } = await call(sim, 'GET', '/rest/mgmt/scan', undefined, { 'x-apikey': header });
      expect(status).toBe(403);
      expect(envelope.error_code).toBe(146);
    }
  });

  it('accepts the key without spaces or trailing semicolon', async () => {
    const { status } = await call(sim, 'GET', '/rest/sci', undefined, {
      'x-apikey': `accesskey=${ACCESS_KEY};secretkey=${SECRET_KEY}`,
    });
    expect(status).toBe(200);
  });

  it('parses the header leniently', () => {
    expect(parseApiKey(' AccessKey = a ;SECRETKEY=b')).toEqual({ accessKey: 'a', secretKey: 'b' });
    expect(parseApiKey('accesskey=a')).toBeNull();
    expect(parseApiKey(undefined)).toBeNull();
  });
});

describe('scan list and detail fields', () => {
  it('lists * and ** fields only when no fields are given', async () => {
    // The demo's one record without an id (a variant clients must skip) is left aside here.
    const scans = records(await ok(sim, 'GET', '/rest/mgmt/scan')).filter((s) => s.id !== undefined);
    expect(scans.length).toBe(sim.director.counts().scans);
    for (const scan of scans) {
      expect(Object.keys(scan).sort()).toEqual(['SCI', 'description', 'id', 'name', 'organization', 'status', 'uuid']);
    }
    expect(Object.keys(record(scans[0]?.SCI)).sort()).toEqual(['description', 'id', 'name']);
  });

  it('answers * fields plus the ones asked for, case-insensitively, ignoring unknown names', async () => {
    const scans = records(await ok(sim, 'GET', '/rest/mgmt/scan?fields=sci,policy,MAXSCANTIME,noSuchField'));
    expect(keys(scans[0])).toEqual(['SCI', 'id', 'maxScanTime', 'policyUUID', 'uuid']);
  });

  it('answers every documented field on the detail without fields, and only * plus asked ones with fields', async () => {
    const full = await ok(sim, 'GET', '/rest/mgmt/scan/1');
    expect(keys(full)).toEqual(
      [
        'id',
        'uuid',
        'ownerUUID',
        'creatorUUID',
        'name',
        'description',
        'sciScanID',
        'ipList',
        'type',
        'policyUUID',
        'pluginID',
        'repositoryUUID',
        'zoneUUID',
        'dhcpTracking',
        'classifyMitigatedAge',
        'emailOnLaunch',
        'emailOnFinish',
        'timeoutAction',
        'scanningVirtualHosts',
        'rolloverType',
        'status',
        'maxScanTime',
        'createdTime',
        'modifiedTime',
        'SCI',
        'organization',
      ].sort(),
    );
    expect(keys(await ok(sim, 'GET', '/rest/mgmt/scan/1?fields=name,schedule'))).toEqual(['id', 'name', 'schedule', 'uuid']);
  });

  it('finds a scan by id and by uuid in any case', async () => {
    const byId = record(await ok(sim, 'GET', '/rest/mgmt/scan/2'));
    const uuid = String(byId.uuid);
    expect(uuid).toMatch(/^[0-9A-F-]{36}$/);
    expect(record(await ok(sim, 'GET', `/rest/mgmt/scan/${uuid}`)).id).toBe('2');
    expect(record(await ok(sim, 'GET', `/rest/mgmt/scan/${uuid.toLowerCase()}`)).id).toBe('2');
  });

  it('filters by sciID and orgID, from the query or a JSON body', async () => {
    const all = records(await ok(sim, 'GET', '/rest/mgmt/scan?fields=SCI,organization')).filter((s) => s.id !== undefined);
    const sciId = String(record(all[0]?.SCI).id);
    const orgId = String(record(all[0]?.organization).id);
    const bySci = records(await ok(sim, 'GET', `/rest/mgmt/scan?sciID=${sciId}`));
    expect(bySci.length).toBe(all.filter((s) => record(s.SCI).id === sciId).length);
    expect(bySci.length).toBeLessThan(all.length);
    expect(bySci.every((s) => record(s.SCI).id === sciId)).toBe(true);
    const byOrgBody = records(await ok(sim, 'GET', '/rest/mgmt/scan', { orgID: Number(orgId) }));
    expect(byOrgBody.length).toBe(all.filter((s) => record(s.organization).id === orgId).length);
    expect(byOrgBody.every((s) => record(s.organization).id === orgId)).toBe(true);
  });

  it('refuses a non-numeric filter with 146', async () => {
    const { status, envelope } = await call(sim, 'GET', '/rest/mgmt/scan?sciID=east');
    expect(status).toBe(403);
    expect(envelope.error_code).toBe(146);
    expect(envelope.error_msg).toBe("Invalid parameter 'sciID': must be a number");
  });
});

describe('demo-size variants', () => {
  it('answers some scans with object references, zones without a uuid, and one odd status, organization and record', async () => {
    const variants = sim.director.store.variants!;
    const all = records(await ok(sim, 'GET', '/rest/mgmt/scan?fields=zone,repository,policy,owner'));
    const flat = all.find((s) => s.id !== undefined && !variants.objectRefScanIds.has(Number(s.id)))!;
    expect(flat).toHaveProperty('zoneUUID');
    expect(flat).not.toHaveProperty('zone');
    const objects = all.filter((s) => variants.objectRefScanIds.has(Number(s.id)));
    expect(objects.length).toBeGreaterThan(10);
    for (const scan of objects) {
      expect(scan).not.toHaveProperty('zoneUUID');
      expect(record(scan.zone)).not.toHaveProperty('uuid');
      expect(record(scan.owner)).toHaveProperty('username');
    }
    expect(objects.some((s) => record(s.zone).name === 'All Zones' && record(s.zone).id === '-1')).toBe(true);
    expect(objects.some((s) => !('uuid' in record(s.repository)))).toBe(true);
    expect(all.filter((s) => s.id === undefined)).toHaveLength(1);
    const odd = record(await ok(sim, 'GET', `/rest/mgmt/scan/${variants.unreadableOrgScanId}`));
    expect(record(odd.organization).id).toBe('');
    const statuses = new Set(records(await ok(sim, 'GET', '/rest/mgmt/scan')).map((s) => s.status));
    expect([...statuses].sort()).toEqual(['0', '3']);
  });
});

describe('unknown objects, paths and methods', () => {
  it('answers 146 for unknown ids and uuids', async () => {
    const byId = await call(sim, 'GET', '/rest/mgmt/scan/999999');
    expect(byId.status).toBe(403);
    expect(byId.envelope).toMatchObject({ error_code: 146, error_msg: 'Scan #999999 not found', response: '' });
    const byUuid = await call(sim, 'GET', '/rest/mgmt/user/00000000-0000-4000-8000-000000000000');
    expect(byUuid.envelope.error_code).toBe(146);
    expect((await call(sim, 'GET', '/rest/mgmt/organization/9999')).envelope.error_msg).toBe('Organization #9999 not found');
  });

  it('refuses an id that is neither a number nor a uuid with 146', async () => {
    const { status, envelope } = await call(sim, 'GET', '/rest/mgmt/scan/..%2F..%2Fetc');
    expect(status).toBe(403);
    expect(envelope.error_code).toBe(146);
  });

  it('answers a wrong method with 405 and an unknown path with 404, both error 146', async () => {
    const wrongMethod = await call(sim, 'PUT', '/rest/mgmt/scan/1', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.envelope).toMatchObject({ error_code: 146, error_msg: 'Invalid method' });
    const unknown = await call(sim, 'GET', '/rest/mgmt/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.envelope.error_code).toBe(146);
  });
});

describe('users', () => {
  it('lists the * and ** fields, and contact fields only on request', async () => {
    const users = records(await ok(sim, 'GET', '/rest/mgmt/user'));
    expect(users.length).toBe(sim.director.counts().users);
    expect(keys(users[0])).toEqual(['SCI', 'firstname', 'id', 'lastname', 'organization', 'sciGroupID', 'sciRoleID', 'sciUserID', 'username', 'uuid']);
    const withEmail = records(await ok(sim, 'GET', '/rest/mgmt/user?fields=email'));
    expect(keys(withEmail[0])).toEqual(['SCI', 'email', 'id', 'organization', 'sciGroupID', 'sciRoleID', 'sciUserID', 'uuid']);
  });

  it('filters administrators with orgID=0, also combined with sciID', async () => {
    const admins = records(await ok(sim, 'GET', '/rest/mgmt/user?orgID=0'));
    expect(admins.length).toBeGreaterThan(0);
    for (const admin of admins) {
      expect(admin.organization).toEqual({ id: '0', name: 'Administrator', description: '' });
      expect(admin.sciRoleID).toBe('1');
    }
    const sciId = String(record(admins[0]?.SCI).id);
    const sciAdmins = records(await ok(sim, 'GET', `/rest/mgmt/user?orgID=0&sciID=${sciId}`));
    expect(sciAdmins.length).toBeGreaterThan(0);
    expect(sciAdmins.length).toBeLessThan(admins.length);
    expect(sciAdmins.every((u) => record(u.SCI).id === sciId)).toBe(true);
  });

  it('filters by organization and answers the detail with every field, by id or uuid', async () => {
    const members = records(await ok(sim, 'GET', '/rest/mgmt/user?orgID=1'));
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((u) => record(u.organization).id === '1')).toBe(true);
    const first = record(members[0]);
    const detail = record(await ok(sim, 'GET', `/rest/mgmt/user/${String(first.uuid)}`));
    expect(detail.id).toBe(first.id);
    expect(keys(detail)).toEqual([
      'SCI',
      'address',
      'city',
      'country',
      'email',
      'fax',
      'firstname',
      'id',
      'lastname',
      'organization',
      'phone',
      'sciGroupID',
      'sciRoleID',
      'sciUserID',
      'state',
      'title',
      'username',
      'uuid',
    ]);
  });
});

describe('organizations', () => {
  it('lists id, SCI, sciOrgID, name and description without fields', async () => {
    const orgs = records(await ok(sim, 'GET', '/rest/mgmt/organization'));
    expect(orgs.length).toBe(sim.director.counts().organizations);
    expect(keys(orgs[0])).toEqual(['SCI', 'description', 'id', 'name', 'sciOrgID']);
  });

  it('answers only * fields and asked ones with fields, and counts users', async () => {
    const orgs = records(await ok(sim, 'GET', '/rest/mgmt/organization?fields=userCount,repositories'));
    expect(keys(orgs[0])).toEqual(['SCI', 'id', 'repositories', 'userCount']);
    const org = record(orgs[0]);
    const members = records(await ok(sim, 'GET', `/rest/mgmt/user?orgID=${String(org.id)}`));
    expect(org.userCount).toBe(String(members.length));
    expect(keys(records(org.repositories)[0])).toEqual(['dataFormat', 'description', 'groupAssign', 'id', 'name', 'type']);
  });

  it('answers the whole organization on the detail', async () => {
    const org = record(await ok(sim, 'GET', '/rest/mgmt/organization/1'));
    for (const key of ['ipInfoLinks', 'zoneSelection', 'vulnScoreCritical', 'vulnScoringSystem', 'lces', 'zones', 'ldaps', 'pubSites', 'nessusManagers']) {
      expect(org).toHaveProperty(key);
    }
  });
});

describe('lookups for the scan form', () => {
  it("lists SCIs with every field, counts as numbers and the rest as strings, as Tenable's page shows them", async () => {
    const scis = records(await ok(sim, 'GET', '/rest/sci'));
    expect(scis.length).toBe(sim.director.counts().scis);
    expect(keys(scis[0])).toEqual([
      'createdTime',
      'description',
      'id',
      'ip',
      'lastSyncTime',
      'modifiedTime',
      'name',
      'scanners',
      'status',
      'totalScanners',
      'uuid',
      'version',
      'workingScanners',
    ]);
    const first = record(scis[0]);
    expect(first).toMatchObject({ status: '1', lastSyncTime: expect.stringMatching(/^\d+$/) });
    expect(typeof first.totalScanners).toBe('number');
    expect((first.scanners as unknown[]).length).toBe(first.totalScanners);
  });

  it('lists policies, repositories, zones and assets per SCI', async () => {
    const sciId = String(record(records(await ok(sim, 'GET', '/rest/sci'))[1]).id);
    const expected: Record<string, string[]> = {
      policy: ['SCI', 'description', 'id', 'name', 'uuid'],
      repository: ['SCI', 'dataFormat', 'description', 'id', 'name', 'type', 'uuid'],
      asset: ['SCI', 'description', 'id', 'name', 'type', 'uuid'],
    };
    for (const [kind, fields] of Object.entries(expected)) {
      const all = records(await ok(sim, 'GET', `/rest/mgmt/${kind}`));
      const scoped = records(await ok(sim, 'GET', `/rest/mgmt/${kind}?sciID=${sciId}`));
      expect(scoped.length).toBeGreaterThan(0);
      expect(scoped.length).toBeLessThan(all.length);
      expect(scoped.every((item) => record(item.SCI).id === sciId)).toBe(true);
      expect(keys(scoped[0])).toEqual(fields);
    }
  });

  it('lists zones without uuid and without an SCI filter, each naming its SCI', async () => {
    const all = records(await ok(sim, 'GET', '/rest/mgmt/zone'));
    expect(all).toHaveLength(sim.director.counts().zones);
    expect(keys(all[0])).toEqual(['SCI', 'description', 'id', 'ipList', 'name']);
    const sciId = String(record(records(await ok(sim, 'GET', '/rest/sci'))[1]).id);
    expect(records(await ok(sim, 'GET', `/rest/mgmt/zone?sciID=${sciId}`))).toHaveLength(all.length);
  });
});
