import { describe, expect, it } from 'vitest';
import { createScanInput } from '@/lib/schemas/scan';
import { setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { scanListFields, toDirectorScanBody } = await import('./scans');
const { readScan } = await import('./scan-records');
const { createReadLog } = await import('../read-log');

/** Reads one record the way the list does, returning the row and what could not be read. */
function read(raw: unknown) {
  const log = createReadLog();
  return { row: readScan(raw, log), log };
}
const scanRecord = { parse: (raw: unknown) => read(raw).row! };

const docExample = {
  id: '43',
  uuid: 'B0DD6E59-850B-421B-9498-74DE0177CF64',
  ownerUUID: 'F7791B94-A722-4C77-A722-7529CF19D68D',
  creatorUUID: 'F7791B94-A722-4C77-A722-7529CF19D68D',
  name: 'Basic Scan',
  description: 'Description',
  sciScanID: '1',
  ipList: '192.26.28.0/24',
  type: 'policy',
  policyUUID: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC',
  pluginID: '-1',
  repositoryUUID: '6ED5492E-0D90-401B-892D-D1DAF28EAC12',
  zoneUUID: '',
  dhcpTracking: 'true',
  classifyMitigatedAge: '0',
  emailOnLaunch: 'false',
  emailOnFinish: 'false',
  timeoutAction: 'rollover',
  scanningVirtualHosts: 'false',
  rolloverType: 'template',
  status: '0',
  maxScanTime: 'unlimited',
  createdTime: '1646429871',
  modifiedTime: '1646433443',
  SCI: { id: '4', name: 'SCI 3', description: '' },
  organization: { id: '3', name: 'Org 4', description: '' },
};

describe('scan mapping', () => {
  it("types the document's example record and resolves flat references", () => {
    expect(scanRecord.parse(docExample)).toEqual({
      id: 43,
      uuid: 'B0DD6E59-850B-421B-9498-74DE0177CF64',
      owner: { uuid: 'F7791B94-A722-4C77-A722-7529CF19D68D' },
      creator: { uuid: 'F7791B94-A722-4C77-A722-7529CF19D68D' },
      name: 'Basic Scan',
      description: 'Description',
      sciScanId: 1,
      ipList: '192.26.28.0/24',
      type: 'policy',
      policy: { uuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC' },
      plugin: null,
      repository: { uuid: '6ED5492E-0D90-401B-892D-D1DAF28EAC12' },
      zone: null,
      dhcpTracking: true,
      classifyMitigatedAge: 0,
      emailOnLaunch: false,
      emailOnFinish: false,
      timeoutAction: 'rollover',
      scanningVirtualHosts: false,
      rolloverType: 'template',
      status: '0',
      maxScanTime: null,
      createdTime: '2022-03-04T21:37:51.000Z',
      modifiedTime: '2022-03-04T22:37:23.000Z',
      sci: { id: 4, name: 'SCI 3', description: '' },
      organization: { id: 3, name: 'Org 4', description: '' },
    });
  });

  it('accepts the object form of references', () => {
    const row = scanRecord.parse({
      id: '5',
      uuid: '09698C92-B1A2-4526-BA9F-4B4A6B0F81BE',
      policy: { id: '2', uuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC', name: 'Basic Network Scan' },
      owner: { id: '7', uuid: 'AB1D4170-E362-4637-AE7C-F29D77B37A8F', username: 'qa', firstname: 'Quinn', lastname: 'Avery' },
      zone: { id: '-1', uuid: '', name: '' },
      plugin: { id: '19506', name: 'Nessus Scan Information' },
      maxScanTime: '7200',
    });
    expect(row.policy).toEqual({ id: 2, uuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC', name: 'Basic Network Scan' });
    expect(row.owner).toEqual({ id: 7, uuid: 'AB1D4170-E362-4637-AE7C-F29D77B37A8F', name: 'Quinn Avery (qa)' });
    // An empty uuid and name leave the id: zone -1 is still a zone reference, not "none".
    expect(row.zone).toEqual({ id: -1 });
    expect(row.plugin).toEqual({ id: 19506, name: 'Nessus Scan Information' });
    expect(row.maxScanTime).toBe(7200);
  });

  it('keeps only DTO fields: no password, no __proto__, no vendor names', () => {
    const hostile = JSON.parse(
      '{"id":"1","uuid":"U","name":"n","password":"hunter2","credentials":{"x":1},"__proto__":{"isAdmin":true},"SCI":{"id":"2","name":"S","secret":"s"}}',
    ) as unknown;
    const row = scanRecord.parse(hostile);
    const json = JSON.stringify(row);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('credentials');
    expect(json).not.toContain('isAdmin');
    expect(json).not.toContain('"secret"');
    expect(Object.prototype.hasOwnProperty.call(row, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row).sort()).toEqual(['id', 'name', 'sci', 'uuid']);
  });

  it('skips a record without a usable id and leaves out a mistyped field, noting both', () => {
    const skipped = read({ id: 'x', uuid: 'U' });
    expect(skipped.row).toBeUndefined();
    expect(skipped.log).toMatchObject({ records: 1, fields: 0, example: 'scan x skipped: no usable id' });
    const partial = read({ id: '1', uuid: 'U', name: 'n', dhcpTracking: 'yes' });
    expect(partial.row).toEqual({ id: 1, uuid: 'U', name: 'n' });
    expect(partial.log).toMatchObject({ records: 0, fields: 1, example: 'scan 1: dhcpTracking has an unexpected shape' });
  });
});

describe('Director fields for the list', () => {
  it('asks once for the fields of every column, whatever columns a viewer shows', () => {
    expect(scanListFields).toEqual(expect.arrayContaining(['SCI', 'createdTime', 'description', 'id', 'maxScanTime', 'name', 'uuid', 'ipList']));
    expect(new Set(scanListFields).size).toBe(scanListFields.length);
  });
});

describe('create body', () => {
  const base = {
    name: 'Weekly DMZ',
    sciId: 2,
    ownerUuid: 'F7791B94-A722-4C77-A722-7529CF19D68D',
    policyUuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC',
    repositoryUuid: '6ED5492E-0D90-401B-892D-D1DAF28EAC12',
    ipList: '10.0.0.0/24',
  };

  it("maps defaults to Director's names and string booleans", () => {
    const body = toDirectorScanBody(createScanInput.parse(base));
    expect(body).toEqual({
      name: 'Weekly DMZ',
      description: '',
      type: 'policy',
      sciID: 2,
      userUUID: base.ownerUuid,
      policyUUID: base.policyUuid,
      repositoryUUID: base.repositoryUuid,
      zoneUUID: '',
      dhcpTracking: 'false',
      classifyMitigatedAge: 0,
      schedule: { type: 'template', enabled: 'true' },
      assets: [],
      emailOnLaunch: 'false',
      emailOnFinish: 'false',
      timeoutAction: 'import',
      scanningVirtualHosts: 'false',
      rolloverType: 'template',
      ipList: '10.0.0.0/24',
      maxScanTime: 3600,
    });
  });

  it('maps an ical schedule, assets, plugin scans and unlimited time', () => {
    const body = toDirectorScanBody(
      createScanInput.parse({
        ...base,
        type: 'plugin',
        pluginId: 19506,
        schedule: { type: 'ical', start: 'TZID=Europe/Paris:20261201T090000', repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO', enabled: false },
        assets: [4, 5],
        dhcpTracking: true,
        maxScanTime: 'unlimited',
      }),
    );
    expect(body.schedule).toEqual({
      type: 'ical',
      start: 'TZID=Europe/Paris:20261201T090000',
      repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      enabled: 'false',
    });
    expect(body.assets).toEqual([{ id: 4 }, { id: 5 }]);
    expect(body.pluginID).toBe(19506);
    expect(body).not.toHaveProperty('policyUUID');
    expect(body.dhcpTracking).toBe('true');
    expect(body.maxScanTime).toBe('unlimited');
  });

  it('maps a dependent schedule to dependentID', () => {
    const body = toDirectorScanBody(createScanInput.parse({ ...base, schedule: { type: 'dependent', dependentId: 12 } }));
    expect(body.schedule).toEqual({ type: 'dependent', dependentID: 12, enabled: 'true' });
  });
});
