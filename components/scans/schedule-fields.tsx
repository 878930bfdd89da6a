'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Checkbox, Input, Options, Select } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { scanListOptions } from '@/lib/api/scans';
import { scheduleTypes } from '@/lib/schemas/scan-fields';
import type { FieldErrors, ScanFormValues } from './scan-form-values';
import { describeRepeat, frequencies, timeZoneOptions, weekdays, type Frequency } from './schedule';

type Schedule = ScanFormValues['schedule'];

const scheduleTypeLabels: Record<Schedule['type'], string> = {
  never: 'Never (run on demand)',
  template: 'Template (launched by other objects)',
  ical: 'On a schedule',
  rollover: 'Rollover',
  dependent: 'After another scan',
};

type ScheduleFieldsProps = {
  schedule: Schedule;
  sciId: number | undefined;
  errors: FieldErrors;
  onChange: (patch: Partial<Schedule>) => void;
};

export function ScheduleFields({ schedule, sciId, errors, onChange }: ScheduleFieldsProps) {
  const zones = useMemo(() => timeZoneOptions(schedule.timeZone), [schedule.timeZone]);
  const isDependent = schedule.type === 'dependent';
  const scans = useQuery({
    ...scanListOptions({ page: 1, pageSize: 100, sort: 'name', order: 'asc', sciId, columns: ['name'] }),
    enabled: isDependent && sciId !== undefined,
  });
  const interval = Number(schedule.interval) || 1;
  const monthDay = Number(schedule.monthDay) || 1;

  return (
    <>
      <FormField id="schedule-type" label="Schedule">
        {(control) => (
          <Select {...control} value={schedule.type} onChange={(e) => onChange({ type: e.target.value as Schedule['type'] })}>
            <Options options={scheduleTypes.map((type) => ({ value: type, label: scheduleTypeLabels[type] }))} />
          </Select>
        )}
      </FormField>
      <div className="flex items-end pb-2">
        <Checkbox id="schedule-enabled" label="Schedule enabled" checked={schedule.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
      </div>

      {schedule.type === 'ical' ? (
        <div className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4 md:col-span-2">
          <div className="grid gap-4 md:grid-cols-3">
            <FormField id="schedule-date" label="Start date" error={errors['schedule.start']} isRequired>
              {(control) => <Input {...control} type="date" value={schedule.date} onChange={(e) => onChange({ date: e.target.value })} />}
            </FormField>
            <FormField id="schedule-time" label="Start time" isRequired>
              {(control) => <Input {...control} type="time" value={schedule.time} onChange={(e) => onChange({ time: e.target.value })} />}
            </FormField>
            <FormField id="schedule-timezone" label="Time zone">
              {(control) => (
                <Select {...control} value={schedule.timeZone} onChange={(e) => onChange({ timeZone: e.target.value })}>
                  <Options options={zones.map((zone) => ({ value: zone, label: zone }))} />
                </Select>
              )}
            </FormField>
          </div>
          <div className="grid gap-4 md:grid-cols-3">
            <FormField id="schedule-frequency" label="Repeat" error={errors['schedule.repeatRule']}>
              {(control) => (
                <Select {...control} value={schedule.frequency} onChange={(e) => onChange({ frequency: e.target.value as Frequency })}>
                  <Options options={frequencies} />
                </Select>
              )}
            </FormField>
            {schedule.frequency !== 'ONCE' ? (
              <FormField
                id="schedule-interval"
                label={`Every (${schedule.frequency === 'DAILY' ? 'days' : schedule.frequency === 'WEEKLY' ? 'weeks' : 'months'})`}
              >
                {(control) => (
                  <Input {...control} type="number" min={1} max={99} value={schedule.interval} onChange={(e) => onChange({ interval: e.target.value })} />
                )}
              </FormField>
            ) : null}
            {schedule.frequency === 'MONTHLY' ? (
              <FormField id="schedule-monthday" label="Day of month">
                {(control) => (
                  <Input {...control} type="number" min={1} max={31} value={schedule.monthDay} onChange={(e) => onChange({ monthDay: e.target.value })} />
                )}
              </FormField>
            ) : null}
          </div>
          {schedule.frequency === 'WEEKLY' ? (
            <fieldset>
              <legend className="mb-1.5 text-sm font-medium text-slate-800">On</legend>
              <div className="flex flex-wrap gap-4">
                {weekdays.map((day) => (
                  <Checkbox
                    key={day.code}
                    id={`schedule-day-${day.code}`}
                    label={day.name}
                    checked={schedule.weekdays.includes(day.code)}
                    onChange={(e) =>
                      onChange({
                        weekdays: e.target.checked ? [...schedule.weekdays, day.code] : schedule.weekdays.filter((d) => d !== day.code),
                      })
                    }
                  />
                ))}
              </div>
            </fieldset>
          ) : null}
          <p className="text-sm text-slate-700" data-testid="schedule-preview" aria-live="polite">
            <span className="font-medium">Runs: </span>
            {describeRepeat(
              { frequency: schedule.frequency, interval, weekdays: schedule.weekdays, monthDay },
              schedule.date,
              schedule.time,
              schedule.timeZone,
            )}
          </p>
        </div>
      ) : null}

      {isDependent ? (
        <FormField
          id="schedule-dependent"
          label="Runs after scan"
          error={errors['schedule.dependentId']}
          hint={sciId === undefined ? 'Choose an SCI first: the scan must be on the same SCI.' : 'Scans on the same SCI.'}
          className="md:col-span-2"
        >
          {(control) => (
            <Select {...control} value={schedule.dependentId} disabled={sciId === undefined} onChange={(e) => onChange({ dependentId: e.target.value })}>
              <option value="">{scans.isLoading ? 'Loading…' : 'Choose a scan'}</option>
              {(scans.data?.items ?? []).map((scan) => (
                <option key={scan.id} value={scan.id}>
                  {scan.name ?? `Scan ${scan.id}`}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      ) : null}
    </>
  );
}
