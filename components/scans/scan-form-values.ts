import { uuid } from '@/lib/schemas/common';
import { createScanInput, type CreateScan, type CreateScanInput, type ScheduleInput } from '@/lib/schemas/scan';
import { isScanTarget, splitTargets } from '@/lib/schemas/scan-fields';
import { fieldErrorsFromIssues, type FieldErrors } from '@/components/ui/form-errors';
import { buildIcalStart, buildRepeatRule, type Frequency, type WeekdayCode } from './schedule';

type ScheduleType = ScheduleInput['type'];

/** What the form's controls hold: strings for text/select inputs, booleans for checkboxes. */
export type ScanFormValues = {
  name: string;
  description: string;
  type: 'policy' | 'plugin';
  pluginId: string;
  sciId: string;
  policyUuid: string;
  repositoryUuid: string;
  zoneUuid: string;
  ownerUuid: string;
  ipList: string;
  assets: number[];
  dhcpTracking: boolean;
  classifyMitigatedAge: string;
  emailOnLaunch: boolean;
  emailOnFinish: boolean;
  timeoutAction: 'discard' | 'import' | 'rollover';
  scanningVirtualHosts: boolean;
  rolloverType: 'nextDay' | 'template';
  /** seconds as a string, or 'unlimited' */
  maxScanTime: string;
  schedule: {
    type: ScheduleType;
    enabled: boolean;
    date: string;
    time: string;
    timeZone: string;
    frequency: Frequency;
    interval: string;
    weekdays: WeekdayCode[];
    monthDay: string;
    dependentId: string;
  };
};

/** Director's documented defaults (the test checks them against `createScanInput`). */
export function defaultScanFormValues(timeZone = 'UTC'): ScanFormValues {
  return {
    name: '',
    description: '',
    type: 'policy',
    pluginId: '',
    sciId: '',
    policyUuid: '',
    repositoryUuid: '',
    zoneUuid: '',
    ownerUuid: '',
    ipList: '',
    assets: [],
    dhcpTracking: false,
    classifyMitigatedAge: '0',
    emailOnLaunch: false,
    emailOnFinish: false,
    timeoutAction: 'import',
    scanningVirtualHosts: false,
    rolloverType: 'template',
    maxScanTime: '3600',
    schedule: {
      type: 'template',
      enabled: true,
      date: '',
      time: '09:00',
      timeZone,
      frequency: 'WEEKLY',
      interval: '1',
      weekdays: ['MO'],
      monthDay: '1',
      dependentId: '',
    },
  };
}

/** A number typed into a text field; NaN stays NaN so the schema reports it rather than guessing. */
function numberOrUndefined(value: string): number | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export function toScheduleInput(s: ScanFormValues['schedule']): CreateScanInput['schedule'] {
  switch (s.type) {
    case 'ical':
      return {
        type: 'ical',
        enabled: s.enabled,
        start: buildIcalStart(s.date, s.time, s.timeZone) ?? '',
        repeatRule: buildRepeatRule({
          frequency: s.frequency,
          interval: Number(s.interval),
          weekdays: s.weekdays,
          monthDay: Number(s.monthDay),
        }),
      };
    case 'dependent':
      // Cast is safe: an empty choice becomes undefined and the schema names the missing scan.
      return { type: 'dependent', enabled: s.enabled, dependentId: numberOrUndefined(s.dependentId) as number };
    default:
      return { type: s.type, enabled: s.enabled };
  }
}

export function toCreateScanInput(v: ScanFormValues): CreateScanInput {
  return {
    name: v.name,
    description: v.description,
    type: v.type,
    sciId: numberOrUndefined(v.sciId) as number,
    ownerUuid: v.ownerUuid,
    policyUuid: v.type === 'policy' ? v.policyUuid : '',
    pluginId: v.type === 'plugin' ? numberOrUndefined(v.pluginId) : undefined,
    repositoryUuid: v.repositoryUuid,
    zoneUuid: v.zoneUuid,
    dhcpTracking: v.dhcpTracking,
    classifyMitigatedAge: numberOrUndefined(v.classifyMitigatedAge) ?? 0,
    schedule: toScheduleInput(v.schedule),
    assets: v.assets,
    emailOnLaunch: v.emailOnLaunch,
    emailOnFinish: v.emailOnFinish,
    timeoutAction: v.timeoutAction,
    scanningVirtualHosts: v.scanningVirtualHosts,
    rolloverType: v.rolloverType,
    ipList: v.ipList,
    maxScanTime: v.maxScanTime === 'unlimited' ? 'unlimited' : Number(v.maxScanTime),
  };
}

export { fieldErrorsFromDetails, fieldErrorsFromIssues, type FieldErrors } from '@/components/ui/form-errors';

export type ValidationResult = { ok: true; value: CreateScan } | { ok: false; errors: FieldErrors };

/** Validates in the browser with the very schema the BFF uses. */
export function validateScanForm(values: ScanFormValues): ValidationResult {
  const input = toCreateScanInput(values);
  const parsed = createScanInput.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: { ...crossFieldErrors(input), ...fieldErrorsFromIssues(parsed.error.issues) } };
}

/**
 * zod runs the schema's cross-field checks only once every field parses, which would reveal
 * errors in two rounds; these mirror them (with the same helpers) so one submit shows them all.
 */
function crossFieldErrors(input: CreateScanInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.type !== 'plugin' && !uuid.safeParse(input.policyUuid).success) errors.policyUuid = 'choose a policy';
  if (input.type === 'plugin' && (input.pluginId === undefined || !Number.isInteger(input.pluginId) || input.pluginId <= 0)) {
    errors.pluginId = 'a plugin id is required for a plugin scan';
  }
  const targets = splitTargets(input.ipList ?? '');
  const bad = targets.filter((t) => !isScanTarget(t));
  if (bad.length > 0) errors.ipList = `not an address, range, CIDR block or host name: ${bad.slice(0, 5).join(', ')}`;
  else if (targets.length === 0 && (input.assets ?? []).length === 0) errors.ipList = 'give at least one target or asset';
  return errors;
}
