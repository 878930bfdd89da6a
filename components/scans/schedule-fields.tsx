'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { fieldProps, type FormFields, SelectField } from '@/components/ui/form';
import type { FieldErrors } from '@/components/ui/form-errors';
import { Checkbox } from '@/components/ui/form-controls';
import { Input, Options } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { scanListOptions } from '@/lib/api/scans';
import { scheduleTypes } from '@/lib/schemas/scan-choices';
import type { ScanFormValues } from './scan-form-values';
import { describeRepeat, frequencies, timeZoneOptions, weekdays } from '@/lib/format/schedule';

const scheduleTypeLabels: Record<ScanFormValues['schedule']['type'], string> = {
  never: 'Never (run on demand)',
  template: 'Template (launched by other objects)',
  ical: 'On a schedule',
  rollover: 'Rollover',
  dependent: 'After another scan',
};

type ScheduleFieldsProps = {
  fields: FormFields;
  sciId: number | undefined;
  errors: FieldErrors;
};

export function ScheduleFields({ fields, sciId, errors }: ScheduleFieldsProps) {
  const { control, register } = useFormContext<ScanFormValues>();
  const schedule = useWatch({ control, name: 'schedule' });
  const weekdayChoice = useController({ control, name: 'schedule.weekdays' });
  const zones = useMemo(() => timeZoneOptions(schedule.timeZone), [schedule.timeZone]);
  const isDependent = schedule.type === 'dependent';
  const scans = useQuery({
    ...scanListOptions({ page: 1, pageSize: 100, sort: 'name', order: 'asc', sciId, columns: ['name'] }),
    enabled: isDependent && sciId !== undefined,
  });
  const interval = Number(schedule.interval) || 1;
  const monthDay = Number(schedule.monthDay) || 1;
  const select = { control, fields, errors: {} };

  return (
    <>
      <SelectField {...select} name="schedule.type">
        <Options options={scheduleTypes.map((type) => ({ value: type, label: scheduleTypeLabels[type] }))} />
      </SelectField>
      <div className="flex items-end pb-2">
        <Checkbox id="schedule-enabled" label="Schedule enabled" {...register('schedule.enabled')} />
      </div>

      {schedule.type === 'ical' ? (
        <div className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4 md:col-span-2">
          <div className="grid gap-4 md:grid-cols-3">
            <FormField {...fieldProps(fields, errors, 'schedule.start')} isRequired>
              {(aria) => <Input {...aria} {...register('schedule.date')} type="date" />}
            </FormField>
            <FormField {...fieldProps(fields, errors, 'schedule.time')} isRequired>
              {(aria) => <Input {...aria} {...register('schedule.time')} type="time" />}
            </FormField>
            <SelectField {...select} name="schedule.timeZone">
              <Options options={zones.map((zone) => ({ value: zone, label: zone }))} />
            </SelectField>
          </div>
          <div className="grid gap-4 md:grid-cols-3">
            <SelectField {...select} errors={errors} name="schedule.frequency" fieldKey="schedule.repeatRule">
              <Options options={frequencies} />
            </SelectField>
            {schedule.frequency !== 'ONCE' ? (
              <FormField
                id="schedule-interval"
                label={`Every (${schedule.frequency === 'DAILY' ? 'days' : schedule.frequency === 'WEEKLY' ? 'weeks' : 'months'})`}
              >
                {(aria) => <Input {...aria} {...register('schedule.interval')} type="number" min={1} max={99} />}
              </FormField>
            ) : null}
            {schedule.frequency === 'MONTHLY' ? (
              <FormField {...fieldProps(fields, errors, 'schedule.monthDay')}>
                {(aria) => <Input {...aria} {...register('schedule.monthDay')} type="number" min={1} max={31} />}
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
                    checked={weekdayChoice.field.value.includes(day.code)}
                    onChange={(e) =>
                      weekdayChoice.field.onChange(
                        e.target.checked ? [...weekdayChoice.field.value, day.code] : weekdayChoice.field.value.filter((d) => d !== day.code),
                      )
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
        <SelectField
          {...select}
          errors={errors}
          name="schedule.dependentId"
          hint={sciId === undefined ? 'Choose an SCI first: the scan must be on the same SCI.' : 'Scans on the same SCI.'}
          fieldClassName="md:col-span-2"
          disabled={sciId === undefined}
        >
          <option value="">{scans.isLoading ? 'Loading…' : 'Choose a scan'}</option>
          {(scans.data?.items ?? []).map((scan) => (
            <option key={scan.id} value={scan.id}>
              {scan.name ?? `Scan ${scan.id}`}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
