import { describe, expect, it } from 'vitest';
import { idOrUuid } from './common';
import { createScanInput, isScanTarget, listScansQuery, splitTargets } from './scan';

const minimal = {
  name: 'DMZ web servers',
  sciId: 2,
  ownerUuid: 'F7791B94-A722-4C77-A722-7529CF19D68D',
  policyUuid: '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC',
  repositoryUuid: '6ED5492E-0D90-401B-892D-D1DAF28EAC12',
  ipList: '192.26.28.0/24',
};

function errorsOf(input: unknown) {
  const parsed = createScanInput.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('createScanInput', () => {
  it('fills every documented POST default', () => {
    expect(createScanInput.parse(minimal)).toEqual({
      ...minimal,
      description: '',
      type: 'policy',
      zoneUuid: '',
      dhcpTracking: false,
      classifyMitigatedAge: 0,
      schedule: { type: 'template', enabled: true },
      assets: [],
      emailOnLaunch: false,
      emailOnFinish: false,
      timeoutAction: 'import',
      scanningVirtualHosts: false,
      rolloverType: 'template',
      maxScanTime: 3600,
    });
  });

  it('names each missing required field', () => {
    const errors = errorsOf({ ipList: '' });
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['name', 'sciId', 'ownerUuid', 'repositoryUuid']));
  });

  it('needs a policy for a policy scan and a plugin id for a plugin scan', () => {
    expect(errorsOf({ ...minimal, policyUuid: '' })).toHaveProperty('policyUuid');
    expect(errorsOf({ ...minimal, type: 'plugin', policyUuid: '' })).toHaveProperty('pluginId');
    expect(createScanInput.safeParse({ ...minimal, type: 'plugin', policyUuid: '', pluginId: 19506 }).success).toBe(true);
  });

  it('needs a target or an asset, and refuses targets that are neither address, range, block nor host', () => {
    expect(errorsOf({ ...minimal, ipList: '' })).toHaveProperty('ipList', 'give at least one target or asset');
    expect(createScanInput.safeParse({ ...minimal, ipList: '', assets: [4] }).success).toBe(true);
    expect(errorsOf({ ...minimal, ipList: '10.0.0.1, not a host!' }).ipList).toMatch(/not a host!|not/);
  });

  it('takes an ical schedule only with a start and a repeat rule', () => {
    const ical = { type: 'ical', start: 'TZID=Europe/Paris:20270104T090000', repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH' };
    expect(createScanInput.parse({ ...minimal, schedule: ical }).schedule).toEqual({ ...ical, enabled: true });
    expect(errorsOf({ ...minimal, schedule: { ...ical, start: '2027-01-04 09:00' } })).toHaveProperty('schedule.start');
    expect(errorsOf({ ...minimal, schedule: { ...ical, repeatRule: 'FREQ=HOURLY' } })).toHaveProperty('schedule.repeatRule');
    expect(errorsOf({ ...minimal, schedule: { type: 'dependent' } })).toHaveProperty('schedule.dependentId');
  });

  it('keeps maxScanTime to whole seconds between a minute and a year, or unlimited', () => {
    expect(createScanInput.parse({ ...minimal, maxScanTime: 'unlimited' }).maxScanTime).toBe('unlimited');
    expect(errorsOf({ ...minimal, maxScanTime: 10 })).toHaveProperty('maxScanTime');
  });

  it('words every range and type refusal itself, never a raw library message', () => {
    const bad = [
      { classifyMitigatedAge: 400 },
      { classifyMitigatedAge: -1 },
      { classifyMitigatedAge: 1.5 },
      { classifyMitigatedAge: Number.NaN },
      { maxScanTime: 10 },
      { maxScanTime: 40_000_000 },
      { maxScanTime: Number.NaN },
      { type: 'plugin', pluginId: -3 },
      { name: 'n'.repeat(1025) },
      { description: 'd'.repeat(4097) },
    ];
    for (const input of bad) {
      const messages = Object.values(errorsOf({ ...minimal, ...input }));
      expect(messages.length, JSON.stringify(input)).toBeGreaterThan(0);
      for (const m of messages) expect(m, JSON.stringify(input)).not.toMatch(/Too (big|small)|expected|Invalid input/);
    }
    expect(errorsOf({ ...minimal, classifyMitigatedAge: 400 }).classifyMitigatedAge).toBe('must be 0 to 365 days');
  });
});

describe('scan targets', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '10.0.0.1-10.0.0.20', 'fe80::1', '2001:db8::/32', 'web01.example.com'])('accepts %s', (t) => {
    expect(isScanTarget(t)).toBe(true);
  });
  it.each(['10.0.0.0/33', '10.0.0.256', '1.2.3.4/5/6', 'bad_host!', '10.0.0.1-', ''])('refuses %s', (t) => {
    expect(isScanTarget(t)).toBe(false);
  });
  it('splits on commas and new lines, not on spaces', () => {
    expect(splitTargets('10.0.0.1,10.0.0.2\n host-a , host-b\r\n')).toEqual(['10.0.0.1', '10.0.0.2', 'host-a', 'host-b']);
    expect(splitTargets('10.0.0.1, not a host!!')).toEqual(['10.0.0.1', 'not a host!!']);
  });
  it('refuses a reversed range and takes a one-address range', () => {
    expect(isScanTarget('10.0.0.9-10.0.0.1')).toBe(false);
    expect(isScanTarget('10.0.1.0-10.0.0.255')).toBe(false);
    expect(isScanTarget('10.0.0.5-10.0.0.5')).toBe(true);
  });
  it('names a mistyped target whole', () => {
    expect(errorsOf({ ...minimal, ipList: '10.0.0.1, not a host!!' }).ipList).toBe('not an address, range, CIDR block or host name: not a host!!');
  });
});

describe('listScansQuery', () => {
  it('defaults to page 1 of 25 and turns columns into a list', () => {
    expect(listScansQuery.parse({ columns: 'name, ipList' })).toMatchObject({ page: 1, pageSize: 25, order: 'asc', columns: ['name', 'ipList'] });
  });
  it('refuses page sizes the tables do not offer, unknown columns and unknown sort fields', () => {
    expect(listScansQuery.safeParse({ pageSize: '1000' }).success).toBe(false);
    expect(listScansQuery.safeParse({ columns: 'name,password' }).success).toBe(false);
    expect(listScansQuery.safeParse({ sort: 'password' }).success).toBe(false);
  });
});

describe('idOrUuid', () => {
  it('takes ASCII digits or a UUID and nothing that could reach another path', () => {
    expect(idOrUuid.safeParse('43').success).toBe(true);
    expect(idOrUuid.safeParse('B0DD6E59-850B-421B-9498-74DE0177CF64').success).toBe(true);
    for (const bad of ['../user', '43/..', '%2e%2e', '４３', '43?x=1', 'http://evil', '']) {
      expect(idOrUuid.safeParse(bad).success, bad).toBe(false);
    }
  });
});
