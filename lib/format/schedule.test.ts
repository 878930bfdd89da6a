import { describe, expect, it } from 'vitest';
import { icalStart, repeatRule } from '@/lib/schemas/scan';
import { buildIcalStart, buildRepeatRule, describeRepeat, describeSchedule, parseIcalStart, parseRepeatRule, type RepeatChoice } from './schedule';

const weekly: RepeatChoice = { frequency: 'WEEKLY', interval: 2, weekdays: ['TH', 'MO'], monthDay: 1 };

describe('buildIcalStart', () => {
  it('builds the TZID start Tenable.sc takes, accepted by the shared schema', () => {
    const start = buildIcalStart('2026-12-01', '09:00', 'Europe/Paris');
    expect(start).toBe('TZID=Europe/Paris:20261201T090000');
    expect(icalStart.safeParse(start).success).toBe(true);
    expect(buildIcalStart('2026-12-01', '23:45', 'America/Argentina/Buenos_Aires')).toBe('TZID=America/Argentina/Buenos_Aires:20261201T234500');
  });

  it('gives nothing while the date or time is incomplete', () => {
    expect(buildIcalStart('', '09:00', 'UTC')).toBeUndefined();
    expect(buildIcalStart('2026-12-01', '', 'UTC')).toBeUndefined();
  });
});

describe('buildRepeatRule', () => {
  it('builds each frequency in a form the shared schema accepts', () => {
    const rules = [
      buildRepeatRule(weekly),
      buildRepeatRule({ ...weekly, frequency: 'ONCE' }),
      buildRepeatRule({ ...weekly, frequency: 'DAILY', interval: 3 }),
      buildRepeatRule({ ...weekly, frequency: 'MONTHLY', monthDay: 15 }),
    ];
    expect(rules).toEqual(['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'FREQ=ONCE;INTERVAL=1', 'FREQ=DAILY;INTERVAL=3', 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15']);
    for (const rule of rules) expect(repeatRule.safeParse(rule).success).toBe(true);
  });
});

describe('describeRepeat', () => {
  it('says the schedule in plain words', () => {
    expect(describeRepeat(weekly, '2026-12-01', '09:00', 'Europe/Paris')).toBe('Every 2 weeks on Monday and Thursday at 09:00 Europe/Paris');
    expect(describeRepeat({ ...weekly, interval: 1, weekdays: ['FR', 'MO', 'WE'] }, '', '18:30', 'UTC')).toBe(
      'Every week on Monday, Wednesday and Friday at 18:30 UTC',
    );
    expect(describeRepeat({ ...weekly, frequency: 'DAILY', interval: 1 }, '', '06:00', 'Asia/Tokyo')).toBe('Every day at 06:00 Asia/Tokyo');
    expect(describeRepeat({ ...weekly, frequency: 'MONTHLY', interval: 3, monthDay: 15 }, '', '06:00', 'UTC')).toBe('Every 3 months on day 15 at 06:00 UTC');
    expect(describeRepeat({ ...weekly, frequency: 'ONCE' }, '2026-12-01', '09:00', 'UTC')).toBe('Once on 2026-12-01 at 09:00 UTC');
  });
});

describe('describeSchedule', () => {
  it("reads Director's schedule object in the form preview's words", () => {
    expect(describeSchedule({ type: 'ical', start: 'TZID=Europe/Paris:20270104T090000', repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO', enabled: true })).toBe(
      'Every week on Monday at 09:00 Europe/Paris',
    );
    expect(describeSchedule({ type: 'ical', start: 'TZID=America/New_York:20270301T233000', repeatRule: 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15' })).toBe(
      'Every 2 months on day 15 at 23:30 America/New_York',
    );
    expect(describeSchedule({ type: 'ical', start: 'TZID=UTC:20270301T060000', repeatRule: 'FREQ=DAILY;INTERVAL=1', enabled: false })).toBe(
      'Every day at 06:00 UTC (disabled)',
    );
    expect(describeSchedule({ type: 'ical', start: 'TZID=UTC:20270301T060000', repeatRule: '' })).toBe('Once on 2027-03-01 at 06:00 UTC');
  });

  it('names the other kinds in words, not codes', () => {
    expect(describeSchedule({ type: 'never' })).toBe('On demand');
    expect(describeSchedule({ type: 'template', enabled: true })).toBe('Template');
    expect(describeSchedule({ type: 'dependent', dependentId: 12 })).toBe('After scan 12');
    expect(describeSchedule({ type: 'rollover' })).toBe('Rollover');
  });

  it('says plainly when Director did not report one, and shows a rule it cannot word as sent', () => {
    expect(describeSchedule(undefined)).toBe('not reported by Director');
    expect(describeSchedule({ type: 'ical', start: 'TZID=UTC:20270301T060000', repeatRule: 'FREQ=YEARLY;BYMONTH=3' })).toBe(
      'FREQ=YEARLY;BYMONTH=3 from TZID=UTC:20270301T060000',
    );
    expect(describeSchedule({ type: 'weekly-ish' })).toBe('Schedule "weekly-ish"');
  });

  it('reads back every rule the form builds', () => {
    const start = buildIcalStart('2027-01-04', '09:00', 'Europe/Paris')!;
    expect(parseIcalStart(start)).toEqual({ date: '2027-01-04', time: '09:00', timeZone: 'Europe/Paris' });
    expect(parseRepeatRule(buildRepeatRule(weekly))).toEqual({ ...weekly, weekdays: ['MO', 'TH'] });
  });
});
