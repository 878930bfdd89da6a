import { describe, expect, it } from 'vitest';
import { createScanInput } from '@/lib/schemas/scan';
import { fieldErrorsFromDetails } from '@/components/ui/form-errors';
import { defaultScanFormValues, toCreateScanInput, validateScanForm, type ScanFormValues } from './scan-form-values';

const owner = 'F7791B94-A722-4C77-A722-7529CF19D68D';
const policy = '91E02A57-505A-4BF6-95B0-AA4C5CCBFBDC';
const repository = '6ED5492E-0D90-401B-892D-D1DAF28EAC12';

function filled(overrides: Partial<ScanFormValues> = {}): ScanFormValues {
  return {
    ...defaultScanFormValues('Europe/Paris'),
    name: 'Weekly DMZ',
    sciId: '2',
    ownerUuid: owner,
    policyUuid: policy,
    repositoryUuid: repository,
    ipList: '10.0.0.0/24\nweb01.example.com, 192.168.1.1-192.168.1.20',
    ...overrides,
  };
}

describe('scan form defaults', () => {
  it('match the defaults createScanInput documents', () => {
    const minimal = { name: 'x', sciId: 2, ownerUuid: owner, policyUuid: policy, repositoryUuid: repository, ipList: '10.0.0.1' };
    const fromSchema = createScanInput.parse(minimal);
    const fromForm = createScanInput.parse(toCreateScanInput(filled({ name: 'x', ipList: '10.0.0.1' })));
    expect(fromForm).toEqual({ ...fromSchema, schedule: { type: 'never', enabled: true } });
  });

  it('start a new scan on demand, not on the template schedule', () => {
    expect(defaultScanFormValues().schedule.type).toBe('never');
  });
});

describe('validateScanForm', () => {
  it('accepts a complete form and converts types', () => {
    const result = validateScanForm(filled({ maxScanTime: 'unlimited', classifyMitigatedAge: '30', assets: [4, 9] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ sciId: 2, maxScanTime: 'unlimited', classifyMitigatedAge: 30, assets: [4, 9], zoneUuid: '' });
  });

  it('builds an iCal schedule from the simple choices', () => {
    const values = filled();
    values.schedule = { ...values.schedule, type: 'ical', date: '2026-12-01', time: '09:00', frequency: 'WEEKLY', interval: '2', weekdays: ['TH', 'MO'] };
    const result = validateScanForm(values);
    expect(result.ok && result.value.schedule).toEqual({
      type: 'ical',
      enabled: true,
      start: 'TZID=Europe/Paris:20261201T090000',
      repeatRule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    });
  });

  it('reports each missing or bad field under its own key', () => {
    const values = filled({ name: ' ', sciId: '', ownerUuid: '', policyUuid: '', ipList: '10.0.0.0/33' });
    values.schedule = { ...values.schedule, type: 'ical', date: '' };
    const result = validateScanForm(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['ipList', 'name', 'ownerUuid', 'policyUuid', 'schedule.start', 'sciId'].sort());
    expect(result.errors.ipList).toMatch(/10\.0\.0\.0\/33/);
  });

  it('needs a plugin id for plugin scans and a scan to follow for dependent ones', () => {
    const values = filled({ type: 'plugin', policyUuid: '' });
    values.schedule = { ...values.schedule, type: 'dependent' };
    const result = validateScanForm(values);
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['pluginId', 'schedule.dependentId']);
  });
});

describe('the cross-field rules', () => {
  it('run in the same pass as a bad field, in the form and in the handler alike', () => {
    const result = validateScanForm(filled({ type: 'plugin', pluginId: 'abc', name: '', ipList: '' }));
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['ipList', 'name', 'pluginId']);
    const handler = createScanInput.safeParse(toCreateScanInput(filled({ sciId: '', ipList: '', policyUuid: '' })));
    expect(handler.success ? [] : handler.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['ipList', 'policyUuid', 'sciId']);
  });
});

describe('fieldErrorsFromDetails', () => {
  it('keys server messages like the form keys', () => {
    expect(fieldErrorsFromDetails({ 'schedule.start': ['bad start'], name: ['taken', 'second'], 'assets[0]': ['no such asset'] })).toEqual({
      'schedule.start': 'bad start',
      name: 'taken',
      'assets.0': 'no such asset',
    });
  });
});
