import { z } from 'zod';
import { createScanInput, type CreateScan, type CreateScanInput, type ScheduleInput } from '@/lib/schemas/scan';
import { fieldErrorsFromIssues, type FieldErrors } from '@/components/ui/form-errors';
import { buildIcalStart, buildRepeatRule, type Frequency, type WeekdayCode } from '@/lib/format/schedule';

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

/**
 * Director's documented defaults (the test checks them against `createScanInput`), except the
 * schedule: Director's default "template" is for scan templates, so a new scan starts on demand.
 */
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
      type: 'never',
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

/**
 * The form's resolver schema: the controls' values turned into the API's input and parsed with the
 * very schema the BFF uses, so the browser and the handler agree on every rule, cross-field ones too.
 */
export const scanFormSchema = z.custom<ScanFormValues>().transform(toCreateScanInput).pipe(createScanInput);

export type ValidationResult = { ok: true; value: CreateScan } | { ok: false; errors: FieldErrors };

/** One pass of the form's schema, as the form's resolver runs it. */
export function validateScanForm(values: ScanFormValues): ValidationResult {
  const parsed = scanFormSchema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) };
}
