'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { FormProvider, type UseFormReturn, useForm, useWatch } from 'react-hook-form';
import { Button, ButtonLink } from '@/components/ui/button';
import { fieldProps, focusSoon, FormProblems, type FormFields, SelectField, useFieldErrors } from '@/components/ui/form';
import { type FieldErrors, setServerErrors } from '@/components/ui/form-errors';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { Checkbox, Textarea } from '@/components/ui/form-controls';
import { Input, Options, type Option } from '@/components/ui/input';
import { isApiError } from '@/lib/api/api-error';
import { sciOptions } from '@/lib/api/lookups';
import { assetOptions, lookupOptions, ownerOptions } from '@/lib/api/scan-form-lookups';
import { useCreateScan } from '@/lib/api/scan-mutations';
import type { Owner } from '@/lib/schemas/lookup';
import type { CreateScan } from '@/lib/schemas/scan';
import { rolloverTypes, timeoutActions } from '@/lib/schemas/scan-choices';
import { formatRolloverType, formatTimeoutAction } from './scan-format';
import { ScheduleFields } from './schedule-fields';
import { browserTimeZone } from '@/lib/format/schedule';
import { defaultScanFormValues, type ScanFormValues, scanFormSchema } from './scan-form-values';
import { TargetFields } from './target-fields';

const maxScanTimeChoices: Option[] = [
  ...[1, 2, 4, 8, 12, 24, 48, 72].map((hours) => ({ value: String(hours * 3600), label: hours === 1 ? '1 hour' : `${hours} hours` })),
  { value: 'unlimited', label: 'Unlimited' },
];
const timeoutActionChoices: Option[] = timeoutActions.map((action) => ({ value: action, label: formatTimeoutAction(action) }));
const rolloverTypeChoices: Option[] = rolloverTypes.map((type) => ({ value: type, label: formatRolloverType(type) }));

/** Every field in form order: its control's id and its label, for the fields and the error summary. */
export const scanFormFields: FormFields = {
  name: { id: 'scan-name', label: 'Name' },
  sciId: { id: 'scan-sci', label: 'SCI' },
  description: { id: 'scan-description', label: 'Description' },
  type: { id: 'scan-type', label: 'Scan type' },
  policyUuid: { id: 'scan-policy', label: 'Policy' },
  pluginId: { id: 'scan-plugin', label: 'Plugin ID' },
  ipList: { id: 'scan-iplist', label: 'Targets' },
  assets: { id: 'scan-assets', label: 'Assets' },
  zoneUuid: { id: 'scan-zone', label: 'Zone' },
  schedule: { id: 'schedule-type', label: 'Schedule' },
  'schedule.type': { id: 'schedule-type', label: 'Schedule' },
  'schedule.start': { id: 'schedule-date', label: 'Start date' },
  'schedule.time': { id: 'schedule-time', label: 'Start time' },
  'schedule.timeZone': { id: 'schedule-timezone', label: 'Time zone' },
  'schedule.repeatRule': { id: 'schedule-frequency', label: 'Repeat' },
  'schedule.monthDay': { id: 'schedule-monthday', label: 'Day of month' },
  'schedule.dependentId': { id: 'schedule-dependent', label: 'Runs after scan' },
  maxScanTime: { id: 'scan-maxtime', label: 'Max scan time' },
  timeoutAction: { id: 'scan-timeout', label: 'On timeout' },
  rolloverType: { id: 'scan-rollover', label: 'Rollover type' },
  classifyMitigatedAge: { id: 'scan-classify', label: 'Classify mitigated after (days)' },
  ownerUuid: { id: 'scan-owner', label: 'Owner' },
  repositoryUuid: { id: 'scan-repository', label: 'Repository' },
};

type Form = UseFormReturn<ScanFormValues, unknown, CreateScan>;

/** A select of one SCI's policies, zones, owners or repositories; empty until an SCI is chosen. */
function LookupSelect({
  form,
  name,
  errors,
  items,
  isLoading,
  hasSci,
  emptyLabel,
  isRequired,
}: {
  form: Form;
  name: 'policyUuid' | 'zoneUuid' | 'ownerUuid' | 'repositoryUuid';
  errors: FieldErrors;
  items: Array<{ uuid?: string | undefined; id?: number | undefined; name: string }> | undefined;
  isLoading: boolean;
  hasSci: boolean;
  emptyLabel: string;
  isRequired?: boolean;
}) {
  // Director's Scan Zone has no uuid, and a scan names its zone by uuid: such items are listed, not offered.
  const withoutUuid = (items ?? []).filter((item) => !item.uuid).length;
  const hint = !hasSci
    ? 'Choose an SCI first.'
    : withoutUuid > 0
      ? `${withoutUuid} listed without a uuid, which Director needs here; they cannot be chosen.`
      : undefined;
  return (
    <SelectField control={form.control} name={name} fields={scanFormFields} errors={errors} isRequired={isRequired} hint={hint} disabled={!hasSci}>
      <option value="">{isLoading ? 'Loading…' : emptyLabel}</option>
      {(items ?? []).map((item) =>
        item.uuid ? (
          <option key={item.uuid} value={item.uuid}>
            {item.name}
          </option>
        ) : (
          <option key={`no-uuid-${item.id ?? item.name}`} value="" disabled>
            {item.name} (no uuid)
          </option>
        ),
      )}
    </SelectField>
  );
}

/** "Ada Lovelace (ada) · Org 1": who the owner is and the organization the scan will belong to. */
function ownerLabel(owner: Owner): string {
  const person = `${owner.firstname} ${owner.lastname}`.trim();
  const name = person ? `${person} (${owner.username})` : owner.username;
  return owner.organization ? `${name} · ${owner.organization.name}` : name;
}

export function ScanForm() {
  const router = useRouter();
  const summaryRef = useRef<HTMLDivElement>(null);
  const creation = useCreateScan();
  const form = useForm<ScanFormValues, unknown, CreateScan>({
    resolver: zodResolver(scanFormSchema),
    defaultValues: defaultScanFormValues(),
    // Errors show on submit and stay until the next one, with the summary listing them all.
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const { register, control, setValue, setError, handleSubmit } = form;
  const errors = useFieldErrors(form.formState);
  const f = (key: string) => fieldProps(scanFormFields, errors, key);

  // The browser's zone is only known after hydration; filling it in then avoids a server/client mismatch.
  useEffect(() => {
    setValue('schedule.timeZone', browserTimeZone());
  }, [setValue]);

  const [sciValue, type] = useWatch({ control, name: ['sciId', 'type'] });
  const sciId = /^[0-9]+$/.test(sciValue) ? Number(sciValue) : undefined;
  const hasSci = sciId !== undefined;
  const scis = useQuery(sciOptions());
  const policies = useQuery({ ...lookupOptions('policies', sciId ?? 0), enabled: hasSci });
  const repositories = useQuery({ ...lookupOptions('repositories', sciId ?? 0), enabled: hasSci });
  const zones = useQuery({ ...lookupOptions('zones', sciId ?? 0), enabled: hasSci });
  const assets = useQuery({ ...assetOptions(sciId ?? 0), enabled: hasSci });
  const owners = useQuery({ ...ownerOptions(sciId ?? 0), enabled: hasSci });
  const lookupError = scis.error ?? policies.error ?? repositories.error ?? zones.error ?? assets.error ?? owners.error;

  function onSciChange() {
    // Policies, repositories, zones, assets, owners and scans belong to one SCI; old choices would be invalid.
    for (const key of ['policyUuid', 'repositoryUuid', 'zoneUuid', 'ownerUuid', 'schedule.dependentId'] as const) setValue(key, '');
    setValue('assets', []);
  }

  const onSubmit = handleSubmit(
    (value) => {
      creation.reset();
      creation.mutate(value, {
        onSuccess: (row) => {
          notifyDone(`Scan '${row.name || row.id}' created`);
          router.push(`/scans/${row.id}`);
        },
        onError: (error) => {
          notifyFailed('The scan was not created', error);
          if (isApiError(error)) setServerErrors(setError as (name: string, error: { type: string; message: string }) => void, error.details);
          focusSoon(summaryRef);
        },
      });
    },
    () => {
      creation.reset();
      focusSoon(summaryRef);
    },
  );

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="New scan">
        <FormProblems
          summaryRef={summaryRef}
          summaryId="scan-form-summary"
          errors={errors}
          fields={scanFormFields}
          refusal={creation.error ? <ErrorPanel title="The scan was not created" error={creation.error} /> : null}
          lookupError={lookupError ? <ErrorPanel title="Some choices could not be loaded" error={lookupError} /> : null}
        />

        <FieldGroup legend="Overview">
          <FormField {...f('name')} isRequired>
            {(aria) => <Input {...aria} {...register('name')} maxLength={1024} />}
          </FormField>
          <SelectField
            control={control}
            name="sciId"
            fields={scanFormFields}
            errors={errors}
            isRequired
            hint="The Tenable.sc instance that runs the scan."
            onValueChange={onSciChange}
          >
            <option value="">{scis.isLoading ? 'Loading…' : 'Choose an SCI'}</option>
            {(scis.data ?? []).map((sci) => (
              <option key={sci.id} value={sci.id}>
                {sci.name}
              </option>
            ))}
          </SelectField>
          <FormField {...f('description')} className="md:col-span-2">
            {(aria) => <Textarea {...aria} {...register('description')} rows={2} className="font-sans" />}
          </FormField>
          <SelectField control={control} name="type" fields={scanFormFields} errors={errors}>
            <option value="policy">Policy</option>
            <option value="plugin">Plugin</option>
          </SelectField>
          {type === 'policy' ? (
            <LookupSelect
              form={form}
              name="policyUuid"
              errors={errors}
              items={policies.data}
              isLoading={policies.isLoading}
              hasSci={hasSci}
              emptyLabel="Choose a policy"
              isRequired
            />
          ) : (
            <FormField {...f('pluginId')} isRequired>
              {(aria) => <Input {...aria} {...register('pluginId')} inputMode="numeric" />}
            </FormField>
          )}
        </FieldGroup>

        <FieldGroup legend="Targets">
          <TargetFields
            fields={scanFormFields}
            errors={errors}
            assetOptions={assets.data?.items ?? []}
            isAssetsLoading={assets.isLoading}
            assetsUnavailable={
              assets.data?.unavailable
                ? [assets.data.unavailable.code && `error ${assets.data.unavailable.code}`, assets.data.unavailable.message].filter(Boolean).join(': ')
                : undefined
            }
            hasSci={hasSci}
          />
          <LookupSelect form={form} name="zoneUuid" errors={errors} items={zones.data} isLoading={zones.isLoading} hasSci={hasSci} emptyLabel="Any zone" />
          <div className="flex items-end pb-2">
            <Checkbox id="scan-dhcp" label="DHCP tracking" hint="Track hosts whose addresses change." {...register('dhcpTracking')} />
          </div>
        </FieldGroup>

        <FieldGroup legend="Schedule and behaviour">
          <ScheduleFields fields={scanFormFields} sciId={sciId} errors={errors} />
          <SelectField control={control} name="maxScanTime" fields={scanFormFields} errors={errors}>
            <Options options={maxScanTimeChoices} />
          </SelectField>
          <SelectField control={control} name="timeoutAction" fields={scanFormFields} errors={errors}>
            <Options options={timeoutActionChoices} />
          </SelectField>
          <SelectField control={control} name="rolloverType" fields={scanFormFields} errors={errors}>
            <Options options={rolloverTypeChoices} />
          </SelectField>
          <FormField {...f('classifyMitigatedAge')} hint="0 to 365; 0 keeps the default behaviour.">
            {(aria) => <Input {...aria} {...register('classifyMitigatedAge')} type="number" min={0} max={365} />}
          </FormField>
          <div className="space-y-2 md:col-span-2">
            <Checkbox id="scan-vhosts" label="Scan virtual hosts" {...register('scanningVirtualHosts')} />
            <Checkbox id="scan-email-launch" label="Email on launch" {...register('emailOnLaunch')} />
            <Checkbox id="scan-email-finish" label="Email on finish" {...register('emailOnFinish')} />
          </div>
        </FieldGroup>

        <FieldGroup legend="Ownership">
          <LookupSelect
            form={form}
            name="ownerUuid"
            errors={errors}
            items={owners.data?.map((o) => ({ uuid: o.uuid, name: ownerLabel(o) }))}
            isLoading={owners.isLoading}
            hasSci={hasSci}
            emptyLabel="Choose an owner"
            isRequired
          />
          <LookupSelect
            form={form}
            name="repositoryUuid"
            errors={errors}
            items={repositories.data}
            isLoading={repositories.isLoading}
            hasSci={hasSci}
            emptyLabel="Choose a repository"
            isRequired
          />
        </FieldGroup>

        <div className="sticky bottom-0 flex justify-end gap-2 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
          <ButtonLink href="/scans">Cancel</ButtonLink>
          <Button type="submit" variant="primary" disabled={creation.isPending}>
            {creation.isPending ? 'Creating…' : 'Create scan'}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
