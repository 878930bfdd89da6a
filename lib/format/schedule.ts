export const weekdays = [
  { code: 'MO', name: 'Monday' },
  { code: 'TU', name: 'Tuesday' },
  { code: 'WE', name: 'Wednesday' },
  { code: 'TH', name: 'Thursday' },
  { code: 'FR', name: 'Friday' },
  { code: 'SA', name: 'Saturday' },
  { code: 'SU', name: 'Sunday' },
] as const;
export type WeekdayCode = (typeof weekdays)[number]['code'];

export const frequencies = [
  { value: 'ONCE', label: 'Once' },
  { value: 'DAILY', label: 'Daily' },
  { value: 'WEEKLY', label: 'Weekly' },
  { value: 'MONTHLY', label: 'Monthly' },
] as const;
export type Frequency = (typeof frequencies)[number]['value'];

/** The simple choices the form offers; turned into Tenable.sc's iCal strings below. */
export type RepeatChoice = {
  frequency: Frequency;
  interval: number;
  weekdays: WeekdayCode[];
  monthDay: number;
};

/** `TZID=Europe/Paris:20261201T090000` from a date input (YYYY-MM-DD) and a time input (HH:MM). */
export function buildIcalStart(date: string, time: string, timeZone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t || !timeZone) return undefined;
  return `TZID=${timeZone}:${d[1]}${d[2]}${d[3]}T${t[1]}${t[2]}${t[3] ?? '00'}`;
}

/** `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH`; weekdays keep Monday-first order whatever order they were ticked in. */
export function buildRepeatRule(choice: RepeatChoice): string {
  const parts = [`FREQ=${choice.frequency}`, `INTERVAL=${choice.frequency === 'ONCE' ? 1 : choice.interval}`];
  if (choice.frequency === 'WEEKLY' && choice.weekdays.length > 0) {
    const ordered = weekdays.map((w) => w.code).filter((code) => choice.weekdays.includes(code));
    parts.push(`BYDAY=${ordered.join(',')}`);
  }
  if (choice.frequency === 'MONTHLY') parts.push(`BYMONTHDAY=${choice.monthDay}`);
  return parts.join(';');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const units: Record<Exclude<Frequency, 'ONCE'>, [string, string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
};

/** "Every 2 weeks on Monday and Thursday at 09:00 Europe/Paris" */
export function describeRepeat(choice: RepeatChoice, date: string, time: string, timeZone: string): string {
  const at = `at ${time || '--:--'} ${timeZone}`;
  if (choice.frequency === 'ONCE') return `Once on ${date || 'the start date'} ${at}`;
  const [one, many] = units[choice.frequency];
  const every = choice.interval === 1 ? `Every ${one}` : `Every ${choice.interval} ${many}`;
  if (choice.frequency === 'WEEKLY') {
    const names = weekdays.filter((w) => choice.weekdays.includes(w.code)).map((w) => w.name);
    return names.length > 0 ? `${every} on ${joinWords(names)} ${at}` : `${every} ${at}`;
  }
  if (choice.frequency === 'MONTHLY') return `${every} on day ${choice.monthDay} ${at}`;
  return `${every} ${at}`;
}

/** Every IANA zone the browser knows, with the reader's own zone guaranteed to be offered. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A scan's schedule as Director sent it (see ScanRow['schedule']). */
export type ScanSchedule = {
  type: string;
  start?: string | undefined;
  repeatRule?: string | undefined;
  enabled?: boolean | undefined;
  dependentId?: number | undefined;
};

/** `TZID=Europe/Paris:20270104T090000` → date, time and zone, or undefined when it is not that shape. */
export function parseIcalStart(start: string): { date: string; time: string; timeZone: string } | undefined {
  const m = /^TZID=([^:]+):(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}$/.exec(start);
  if (!m) return undefined;
  return { date: `${m[2]}-${m[3]}-${m[4]}`, time: `${m[5]}:${m[6]}`, timeZone: m[1]! };
}

/** An RRULE of the kind the form builds (FREQ, INTERVAL, BYDAY, BYMONTHDAY) → the form's choice; undefined for anything else. */
export function parseRepeatRule(rule: string): RepeatChoice | undefined {
  const parts = new Map(rule.split(';').map((part) => part.split('=', 2) as [string, string | undefined]));
  const frequency = frequencies.find((f) => f.value === parts.get('FREQ'))?.value;
  if (!frequency || [...parts.keys()].some((key) => !['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY'].includes(key))) return undefined;
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  const days = parts.get('BYDAY')?.split(',') ?? [];
  const codes = weekdays.map((w) => w.code);
  const monthDay = parts.has('BYMONTHDAY') ? Number(parts.get('BYMONTHDAY')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || !Number.isInteger(monthDay) || days.some((d) => !codes.includes(d as WeekdayCode))) return undefined;
  return { frequency, interval, weekdays: days as WeekdayCode[], monthDay };
}

const scheduleWords: Record<string, string> = { never: 'On demand', template: 'Template', rollover: 'Rollover', now: 'Now' };

/**
 * A scan's schedule in plain words, in the form preview's wording: "Every week on Monday at 09:00
 * Europe/Paris", "On demand", "After scan 12", "Template"; "not reported by Director" when
 * Director sent none (its documents do not list `schedule` for /mgmt/scan).
 */
export function describeSchedule(schedule: ScanSchedule | undefined): string {
  if (!schedule) return 'not reported by Director';
  const off = schedule.enabled === false ? ' (disabled)' : '';
  if (schedule.type === 'dependent') return `${schedule.dependentId !== undefined ? `After scan ${schedule.dependentId}` : 'After another scan'}${off}`;
  if (schedule.type !== 'ical') return `${scheduleWords[schedule.type] ?? `Schedule "${schedule.type}"`}${off}`;
  const start = schedule.start ? parseIcalStart(schedule.start) : undefined;
  const repeat = schedule.repeatRule ? parseRepeatRule(schedule.repeatRule) : { frequency: 'ONCE' as const, interval: 1, weekdays: [], monthDay: 1 };
  if (!start || !repeat) return `${[schedule.repeatRule, schedule.start].filter(Boolean).join(' from ') || 'Calendar schedule'}${off}`;
  return `${describeRepeat(repeat, start.date, start.time, start.timeZone)}${off}`;
}
