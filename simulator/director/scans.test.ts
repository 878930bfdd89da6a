import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../server';
import { isTarget } from './scans';
import { FIXED_NOW, call, nonStringLeaves, ok, record, records, startTestSimulator, type Json } from './testing';

let sim: Simulator;
/** Valid references on one SCI, and others from a second SCI to provoke refusals. */
let sci: { id: string; userUUID: string; repositoryUUID: string; policyUUID: string; zoneUUID: string; assetId: string };
let otherSci: { id: string; userUUID: string; repositoryUUID: string; policyUUID: string; zoneUUID: string; assetId: string };

async function refsOf(sciId: string) {
  const first = async (kind: string) => record(records(await ok(sim, 'GET', `/rest/mgmt/${kind}?sciID=${sciId}`))[0]);
  const users = records(await ok(sim, 'GET', `/rest/mgmt/user?sciID=${sciId}`));
  const owner = users.find((u) => record(u.organization).id !== '0');
  return {
    id: sciId,
    userUUID: String(owner?.uuid),
    repositoryUUID: String((await first('repository')).uuid),
    policyUUID: String((await first('policy')).uuid),
    // Director's zone list carries no uuid; the store has it, as a scan's zoneUUID.
    zoneUUID: [...sim.director.store.zones.values()].find((z) => z.sciId === Number(sciId))!.uuid,
    assetId: String((await first('asset')).id),
  };
}

beforeAll(async () => {
  sim = await startTestSimulator();
  const scis = records(await ok(sim, 'GET', '/rest/sci'));
  sci = await refsOf(String(scis[0]?.id));
  otherSci = await refsOf(String(scis[1]?.id));
});
afterAll(async () => {
  await sim.close();
});

const minimal = (): Json => ({
  name: 'Quarterly DMZ audit',
  sciID: Number(sci.id),
  userUUID: sci.userUUID,
  repositoryUUID: sci.repositoryUUID,
  policyUUID: sci.policyUUID,
});

async function refused(body: unknown, parameter: string): Promise<string> {
  const before = sim.director.counts().scans;
  const { status, envelope } = await call(sim, 'POST', '/rest/mgmt/scan', body);
  expect(status).toBe(403);
  // 142 for a missing parameter, 146 for an invalid one, as public Tenable.sc clients show them.
  expect(envelope.error_code).toBe(envelope.error_msg.includes(': is required') ? 142 : 146);
  expect(envelope.response).toBe('');
  expect(envelope.error_msg).toContain(`Invalid parameter '${parameter}'`);
  expect(sim.director.counts().scans).toBe(before);
  return envelope.error_msg;
}

describe('POST /mgmt/scan', () => {
  it('creates a scan with every documented default and answers the whole record', async () => {
    const before = sim.director.counts().scans;
    const created = record(await ok(sim, 'POST', '/rest/mgmt/scan', minimal()));
    expect(sim.director.counts().scans).toBe(before + 1);
    expect(nonStringLeaves(created)).toEqual([]);
    const now = String(Math.floor(FIXED_NOW / 1000));
    const user = record(await ok(sim, 'GET', `/rest/mgmt/user/${sci.userUUID}`));
    expect(created).toMatchObject({
      name: 'Quarterly DMZ audit',
      description: '',
      type: 'policy',
      status: '0',
      policyUUID: sci.policyUUID,
      pluginID: '-1',
      repositoryUUID: sci.repositoryUUID,
      zoneUUID: '',
      ownerUUID: sci.userUUID,
      creatorUUID: sci.userUUID,
      ipList: '',
      dhcpTracking: 'false',
      classifyMitigatedAge: '0',
      emailOnLaunch: 'false',
      emailOnFinish: 'false',
      timeoutAction: 'import',
      scanningVirtualHosts: 'false',
      rolloverType: 'template',
      maxScanTime: '3600',
      createdTime: now,
      modifiedTime: now,
      organization: user.organization,
    });
    expect(record(created.SCI).id).toBe(sci.id);
    expect(String(created.uuid)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(Number(created.id)).toBeGreaterThan(before);
    const extras = record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(created.uuid)}?fields=schedule,assets`));
    expect(extras.schedule).toEqual({ type: 'template', start: '', repeatRule: '', enabled: 'true' });
    expect(extras.assets).toEqual([]);
  });

  it('gives each new scan the next sciScanID on its SCI', async () => {
    const a = record(await ok(sim, 'POST', '/rest/mgmt/scan', minimal()));
    const b = record(await ok(sim, 'POST', '/rest/mgmt/scan', minimal()));
    expect(Number(b.sciScanID)).toBe(Number(a.sciScanID) + 1);
    expect(Number(b.id)).toBe(Number(a.id) + 1);
  });

  it('takes booleans and numbers as strings or native values, and keeps schedule and assets', async () => {
    const created = record(
      await ok(sim, 'POST', '/rest/mgmt/scan', {
        ...minimal(),
        sciID: sci.id,
        description: 'Weekly',
        zoneUUID: sci.zoneUUID.toLowerCase(),
        dhcpTracking: true,
        emailOnFinish: 'true',
        classifyMitigatedAge: '30',
        timeoutAction: 'rollover',
        rolloverType: 'nextDay',
        scanningVirtualHosts: 'true',
        ipList: '10.0.0.0/24, 192.168.1.10-192.168.1.20\nweb01.example.com 2001:db8::1',
        maxScanTime: 'unlimited',
        schedule: { type: 'ical', start: 'TZID=America/New_York:20260105T090000', repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO', enabled: 'false' },
        assets: [{ id: Number(sci.assetId) }],
      }),
    );
    expect(created).toMatchObject({
      zoneUUID: sci.zoneUUID,
      dhcpTracking: 'true',
      emailOnFinish: 'true',
      classifyMitigatedAge: '30',
      timeoutAction: 'rollover',
      rolloverType: 'nextDay',
      scanningVirtualHosts: 'true',
      maxScanTime: 'unlimited',
      ipList: '10.0.0.0/24,192.168.1.10-192.168.1.20,web01.example.com,2001:db8::1',
    });
    const extras = record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(created.id)}?fields=schedule,assets`));
    expect(extras.schedule).toEqual({
      type: 'ical',
      start: 'TZID=America/New_York:20260105T090000',
      repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      enabled: 'false',
    });
    expect(records(extras.assets).map((a) => a.id)).toEqual([sci.assetId]);
  });

  it('creates a plugin scan with a plugin id and no policy', async () => {
    const { policyUUID: _policy, ...rest } = minimal();
    const created = record(await ok(sim, 'POST', '/rest/mgmt/scan', { ...rest, type: 'plugin', pluginID: '19506' }));
    expect(created).toMatchObject({ type: 'plugin', pluginID: '19506', policyUUID: '' });
  });

  it('takes a dependent schedule on a scan of the same SCI', async () => {
    const parent = record(await ok(sim, 'POST', '/rest/mgmt/scan', minimal()));
    const child = record(
      await ok(sim, 'POST', '/rest/mgmt/scan', { ...minimal(), schedule: { type: 'dependent', dependentID: parent.id } }),
    );
    const extras = record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(child.id)}?fields=schedule`));
    expect(record(extras.schedule)).toMatchObject({ type: 'dependent', dependentID: parent.id });
  });

  it('refuses missing required fields', async () => {
    for (const key of ['name', 'sciID', 'userUUID', 'repositoryUUID', 'policyUUID']) {
      const body = minimal();
      delete body[key];
      await refused(body, key);
    }
    await refused({ ...minimal(), name: '   ' }, 'name');
    await refused({ ...minimal(), type: 'plugin' }, 'pluginID');
  });

  it('refuses wrong types and unknown enum values', async () => {
    await refused({ ...minimal(), name: { text: 'x' } }, 'name');
    await refused({ ...minimal(), sciID: 'two' }, 'sciID');
    await refused({ ...minimal(), dhcpTracking: 'yes' }, 'dhcpTracking');
    await refused({ ...minimal(), classifyMitigatedAge: -1 }, 'classifyMitigatedAge');
    await refused({ ...minimal(), maxScanTime: 'forever' }, 'maxScanTime');
    await refused({ ...minimal(), type: 'agent' }, 'type');
    await refused({ ...minimal(), timeoutAction: 'retry' }, 'timeoutAction');
    await refused({ ...minimal(), rolloverType: 'weekly' }, 'rolloverType');
    await refused({ ...minimal(), schedule: { type: 'hourly' } }, 'schedule.type');
    await refused({ ...minimal(), schedule: 'weekly' }, 'schedule');
    await refused({ ...minimal(), assets: { id: 1 } }, 'assets');
  });

  it('refuses an administrator as owner, as Tenable.sc does', async () => {
    const admin = [...sim.director.store.users.values()].find((u) => u.sciId === Number(sci.id) && u.orgId === 0)!;
    const message = await refused({ ...minimal(), userUUID: admin.uuid }, 'userUUID');
    expect(message).toContain('administrator cannot own a scan');
  });

  it('refuses an unknown SCI and objects from another SCI', async () => {
    await refused({ ...minimal(), sciID: 99999 }, 'sciID');
    await refused({ ...minimal(), userUUID: otherSci.userUUID }, 'userUUID');
    await refused({ ...minimal(), repositoryUUID: otherSci.repositoryUUID }, 'repositoryUUID');
    await refused({ ...minimal(), policyUUID: otherSci.policyUUID }, 'policyUUID');
    await refused({ ...minimal(), zoneUUID: otherSci.zoneUUID }, 'zoneUUID');
    await refused({ ...minimal(), assets: [{ id: Number(otherSci.assetId) }] }, 'assets');
    await refused({ ...minimal(), policyUUID: '00000000-0000-4000-8000-000000000000' }, 'policyUUID');
  });

  it('refuses bad iCal schedules and dependents', async () => {
    const ical = { type: 'ical', start: 'TZID=Europe/Paris:20260105T090000', repeatRule: 'FREQ=DAILY;INTERVAL=1' };
    await ok(sim, 'POST', '/rest/mgmt/scan', { ...minimal(), schedule: ical });
    await refused({ ...minimal(), schedule: { ...ical, start: '2026-01-05 09:00' } }, 'schedule.start');
    await refused({ ...minimal(), schedule: { ...ical, start: undefined } }, 'schedule.start');
    await refused({ ...minimal(), schedule: { ...ical, start: 'TZID=Europe/Paris:20261305T090000' } }, 'schedule.start');
    await ok(sim, 'POST', '/rest/mgmt/scan', { ...minimal(), schedule: { ...ical, start: 'TZID=UTC:20260105T235959' } });
    await refused({ ...minimal(), schedule: { ...ical, repeatRule: 'every monday' } }, 'schedule.repeatRule');
    await refused({ ...minimal(), schedule: { type: 'dependent' } }, 'schedule.dependentID');
    await refused({ ...minimal(), schedule: { type: 'dependent', dependentID: 999999 } }, 'schedule.dependentID');
    const elsewhere = records(await ok(sim, 'GET', `/rest/mgmt/scan?sciID=${otherSci.id}`))[0];
    await refused({ ...minimal(), schedule: { type: 'dependent', dependentID: elsewhere?.id } }, 'schedule.dependentID');
  });

  it('refuses an ipList entry that is no address, range, block or host', async () => {
    const message = await refused({ ...minimal(), ipList: '10.0.0.1, 10.0.0.300, ok.example.com' }, 'ipList');
    expect(message).toContain('10.0.0.300');
    await refused({ ...minimal(), ipList: '10.0.0.0/33' }, 'ipList');
    await refused({ ...minimal(), ipList: 'host;rm -rf' }, 'ipList');
  });

  it('refuses a body that is not JSON or not an object', async () => {
    await refused('{"name": ', 'body');
    await refused('[1,2]', 'body');
  });
});

describe('ipList targets', () => {
  it('tells targets from junk', () => {
    for (const ok of ['10.1.2.3', '10.0.0.0/8', '10.0.0.1-10.0.0.9', '2001:db8::/32', '::1', 'host-1.example.org', 'localhost']) {
      expect(isTarget(ok), ok).toBe(true);
    }
    for (const bad of ['10.0.0.256', '10.0.0.0/40', '1.2.3.4/8/1', '-host', 'a_b.example.com', '10.0.0.1-10.0.0', 'http://x']) {
      expect(isTarget(bad), bad).toBe(false);
    }
  });
});

describe('DELETE /mgmt/scan', () => {
  it('deletes by uuid, answers response "", then the scan is 146 and gone from the list', async () => {
    const created = record(await ok(sim, 'POST', '/rest/mgmt/scan', minimal()));
    const { status, envelope } = await call(sim, 'DELETE', `/rest/mgmt/scan/${String(created.uuid)}`);
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ error_code: 0, response: '' });
    const again = await call(sim, 'GET', `/rest/mgmt/scan/${String(created.id)}`);
    expect(again.status).toBe(403);
    expect(again.envelope).toMatchObject({ error_code: 146, error_msg: `Scan #${String(created.id)} not found` });
    const list = records(await ok(sim, 'GET', '/rest/mgmt/scan'));
    expect(list.some((s) => s.id === created.id)).toBe(false);
    expect((await call(sim, 'DELETE', `/rest/mgmt/scan/${String(created.id)}`)).envelope.error_code).toBe(146);
  });
});
