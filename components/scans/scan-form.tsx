'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormErrorSummary, type FieldLocation } from '@/components/ui/form-error-summary';
import { ErrorPanel } from '@/components/ui/error-panel';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { Checkbox, Input, Options, Select, Textarea, type Option } from '@/components/ui/input';
import { isApiError } from '@/lib/api/api-error';
import { assetOptions, lookupOptions, ownerOptions, sciOptions } from '@/lib/api/lookups';
import { useCreateScan } from '@/lib/api/scans';
import type { LookupItem, Owner } from '@/lib/schemas/lookup';
import { rolloverTypes, timeoutActions } from '@/lib/schemas/scan-fields';
import { formatRolloverType, formatTimeoutAction } from './scan-format';
import { ScheduleFields } from './schedule-fields';
import { browserTimeZone } from './schedule';
import { defaultScanFormValues, fieldErrorsFromDetails, validateScanForm, type FieldErrors, type ScanFormValues } from './scan-form-values';
import { TargetFields } from './target-fields';

const maxScanTimeChoices: Option[] = [
  ...[1, 2, 4, 8, 12, 24, 48, 72].map((hours) => ({ value: String(hours * 3600), label: hours === 1 ? '1 hour' : `${hours} hours` })),
  { value: 'unlimited', label: 'Unlimited' },
];
const timeoutActionChoices: Option[] = timeoutActions.map((action) => ({ value: action, label: formatTimeoutAction(action) }));
const rolloverTypeChoices: Option[] = rolloverTypes.map((type) => ({ value: type, label: formatRolloverType(type) }));

/** Where each error key is shown, so the summary can link to the control. */
const fieldIds: Record<string, FieldLocation> = {
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
  'schedule.start': { id: 'schedule-date', label: 'Start date' },
  'schedule.repeatRule': { id: 'schedule-frequency', label: 'Repeat' },
  'schedule.dependentId': { id: 'schedule-dependent', label: 'Runs after scan' },
  maxScanTime: { id: 'scan-maxtime', label: 'Max scan time' },
  timeoutAction: { id: 'scan-timeout', label: 'On timeout' },
  rolloverType: { id: 'scan-rollover', label: 'Rollover type' },
  classifyMitigatedAge: { id: 'scan-classify', label: 'Classify mitigated after (days)' },
  ownerUuid: { id: 'scan-owner', label: 'Owner' },
  repositoryUuid: { id: 'scan-repository', label: 'Repository' },
};


function LookupSelect({
  id,
  label,
  value,
  items,
  isLoading,
  hasSci,
  emptyLabel,
  error,
  isRequired,
  getLabel = (item) => item.name,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  items: Array<LookupItem | { uuid: string; name: string }> | undefined;
  isLoading: boolean;
  hasSci: boolean;
  emptyLabel: string;
  error: string | undefined;
  isRequired?: boolean;
  getLabel?: (item: { name: string }) => string;
  onChange: (value: string) => void;
}) {
  // Director's Scan Zone has no uuid, and a scan names its zone by uuid: such items are listed, not offered.
  const withoutUuid = (items ?? []).filter((item) => !item.uuid).length;
  const hint = !hasSci
    ? 'Choose an SCI first.'
    : withoutUuid > 0
      ? `${withoutUuid} listed without a uuid, which Director needs here; they cannot be chosen.`
      : undefined;
  return (
    <FormField id={id} label={label} error={error} isRequired={isRequired} hint={hint}>
      {(control) => (
        <Select {...control} value={value} disabled={!hasSci} onChange={(e) => onChange(e.target.value)}>
          <option value="">{isLoading ? 'Loading…' : emptyLabel}</option>
          {(items ?? []).map((item) =>
            item.uuid ? (
              <option key={item.uuid} value={item.uuid}>
                {getLabel(item)}
              </option>
            ) : (
              <option key={`no-uuid-${'id' in item ? item.id : item.name}`} value="" disabled>
                {getLabel(item)} (no uuid)
              </option>
            ),
          )}
        </Select>
      )}
    </FormField>
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
  const [values, setValues] = useState<ScanFormValues>(() => defaultScanFormValues());
  const [errors, setErrors] = useState<FieldErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const creation = useCreateScan();

  // The browser's zone is only known after hydration; filling it in then avoids a server/client mismatch.
  useEffect(() => {
    setValues((v) => ({ ...v, schedule: { ...v.schedule, timeZone: browserTimeZone() } }));
  }, []);

  const sciId = /^[0-9]+$/.test(values.sciId) ? Number(values.sciId) : undefined;
  const hasSci = sciId !== undefined;
  const scis = useQuery(sciOptions());
  const policies = useQuery({ ...lookupOptions('policies', sciId ?? 0), enabled: hasSci });
  const repositories = useQuery({ ...lookupOptions('repositories', sciId ?? 0), enabled: hasSci });
  const zones = useQuery({ ...lookupOptions('zones', sciId ?? 0), enabled: hasSci });
  const assets = useQuery({ ...assetOptions(sciId ?? 0), enabled: hasSci });
  const owners = useQuery({ ...ownerOptions(sciId ?? 0), enabled: hasSci });
  const lookupError = scis.error ?? policies.error ?? repositories.error ?? zones.error ?? assets.error ?? owners.error;

  function set<K extends keyof ScanFormValues>(key: K, value: ScanFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function onSciChange(next: string) {
    // Policies, repositories, zones, assets, owners and scans belong to one SCI; old choices would be invalid.
    setValues((v) => ({
      ...v,
      sciId: next,
      policyUuid: '',
      repositoryUuid: '',
      zoneUuid: '',
      ownerUuid: '',
      assets: [],
      schedule: { ...v.schedule, dependentId: '' },
    }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    creation.reset();
    const result = validateScanForm(values);
    if (!result.ok) {
      setErrors(result.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    creation.mutate(result.value, {
      onSuccess: (row) => router.push(`/scans/${row.id}`),
      onError: (error) => {
        if (isApiError(error)) setErrors(fieldErrorsFromDetails(error.details));
        requestAnimationFrame(() => summaryRef.current?.focus());
      },
    });
  }


  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="New scan">
      <div ref={summaryRef} tabIndex={-1} className="space-y-3 outline-none">
        {creation.error ? <ErrorPanel title="The scan was not created" error={creation.error} /> : null}
        <FormErrorSummary id="scan-form-summary" errors={errors} fields={fieldIds} />
        {lookupError ? <ErrorPanel title="Some choices could not be loaded" error={lookupError} /> : null}
      </div>

      <FieldGroup legend="Overview">
        <FormField id="scan-name" label="Name" error={errors.name} isRequired>
          {(control) => <Input {...control} value={values.name} maxLength={1024} onChange={(e) => set('name', e.target.value)} />}
        </FormField>
        <FormField id="scan-sci" label="SCI" error={errors.sciId} isRequired hint="The Tenable.sc instance that runs the scan.">
          {(control) => (
            <Select {...control} value={values.sciId} onChange={(e) => onSciChange(e.target.value)}>
              <option value="">{scis.isLoading ? 'Loading…' : 'Choose an SCI'}</option>
              {(scis.data ?? []).map((sci) => (
                <option key={sci.id} value={sci.id}>
                  {sci.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="scan-description" label="Description" error={errors.description} className="md:col-span-2">
          {(control) => <Textarea {...control} rows={2} className="font-sans" value={values.description} onChange={(e) => set('description', e.target.value)} />}
        </FormField>
        <FormField id="scan-type" label="Scan type" error={errors.type}>
          {(control) => (
            <Select {...control} value={values.type} onChange={(e) => set('type', e.target.value === 'plugin' ? 'plugin' : 'policy')}>
              <option value="policy">Policy</option>
              <option value="plugin">Plugin</option>
            </Select>
          )}
        </FormField>
        {values.type === 'policy' ? (
          <LookupSelect
            id="scan-policy"
            label="Policy"
            value={values.policyUuid}
            items={policies.data}
            isLoading={policies.isLoading}
            hasSci={hasSci}
            emptyLabel="Choose a policy"
            error={errors.policyUuid}
            isRequired
            onChange={(v) => set('policyUuid', v)}
          />
        ) : (
          <FormField id="scan-plugin" label="Plugin ID" error={errors.pluginId} isRequired>
            {(control) => <Input {...control} inputMode="numeric" value={values.pluginId} onChange={(e) => set('pluginId', e.target.value)} />}
          </FormField>
        )}
      </FieldGroup>

      <FieldGroup legend="Targets">
        <TargetFields
          ipList={values.ipList}
          assets={values.assets}
          assetOptions={assets.data?.items ?? []}
          isAssetsLoading={assets.isLoading}
          assetsUnavailable={assets.data?.unavailable ? [assets.data.unavailable.code && `error ${assets.data.unavailable.code}`, assets.data.unavailable.message].filter(Boolean).join(': ') : undefined}
          hasSci={hasSci}
          errors={errors}
          onIpListChange={(v) => set('ipList', v)}
          onAssetsChange={(v) => set('assets', v)}
        />
        <LookupSelect
          id="scan-zone"
          label="Zone"
          value={values.zoneUuid}
          items={zones.data}
          isLoading={zones.isLoading}
          hasSci={hasSci}
          emptyLabel="Any zone"
          error={errors.zoneUuid}
          onChange={(v) => set('zoneUuid', v)}
        />
        <div className="flex items-end pb-2">
          <Checkbox id="scan-dhcp" label="DHCP tracking" hint="Track hosts whose addresses change." checked={values.dhcpTracking} onChange={(e) => set('dhcpTracking', e.target.checked)} />
        </div>
      </FieldGroup>

      <FieldGroup legend="Schedule and behaviour">
        <ScheduleFields schedule={values.schedule} sciId={sciId} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, schedule: { ...v.schedule, ...patch } }))} />
        <FormField id="scan-maxtime" label="Max scan time" error={errors.maxScanTime}>
          {(control) => (
            <Select {...control} value={values.maxScanTime} onChange={(e) => set('maxScanTime', e.target.value)}>
              <Options options={maxScanTimeChoices} />
            </Select>
          )}
        </FormField>
        <FormField id="scan-timeout" label="On timeout" error={errors.timeoutAction}>
          {(control) => (
            <Select {...control} value={values.timeoutAction} onChange={(e) => set('timeoutAction', e.target.value as ScanFormValues['timeoutAction'])}>
              <Options options={timeoutActionChoices} />
            </Select>
          )}
        </FormField>
        <FormField id="scan-rollover" label="Rollover type" error={errors.rolloverType}>
          {(control) => (
            <Select {...control} value={values.rolloverType} onChange={(e) => set('rolloverType', e.target.value as ScanFormValues['rolloverType'])}>
              <Options options={rolloverTypeChoices} />
            </Select>
          )}
        </FormField>
        <FormField id="scan-classify" label="Classify mitigated after (days)" error={errors.classifyMitigatedAge} hint="0 to 365; 0 keeps the default behaviour.">
          {(control) => (
            <Input {...control} type="number" min={0} max={365} value={values.classifyMitigatedAge} onChange={(e) => set('classifyMitigatedAge', e.target.value)} />
          )}
        </FormField>
        <div className="space-y-2 md:col-span-2">
          <Checkbox id="scan-vhosts" label="Scan virtual hosts" checked={values.scanningVirtualHosts} onChange={(e) => set('scanningVirtualHosts', e.target.checked)} />
          <Checkbox id="scan-email-launch" label="Email on launch" checked={values.emailOnLaunch} onChange={(e) => set('emailOnLaunch', e.target.checked)} />
          <Checkbox id="scan-email-finish" label="Email on finish" checked={values.emailOnFinish} onChange={(e) => set('emailOnFinish', e.target.checked)} />
        </div>
      </FieldGroup>

      <FieldGroup legend="Ownership">
        <LookupSelect
          id="scan-owner"
          label="Owner"
          value={values.ownerUuid}
          items={owners.data?.map((o) => ({ uuid: o.uuid, name: ownerLabel(o) }))}
          isLoading={owners.isLoading}
          hasSci={hasSci}
          emptyLabel="Choose an owner"
          error={errors.ownerUuid}
          isRequired
          onChange={(v) => set('ownerUuid', v)}
        />
        <LookupSelect
          id="scan-repository"
          label="Repository"
          value={values.repositoryUuid}
          items={repositories.data}
          isLoading={repositories.isLoading}
          hasSci={hasSci}
          emptyLabel="Choose a repository"
          error={errors.repositoryUuid}
          isRequired
          onChange={(v) => set('repositoryUuid', v)}
        />
      </FieldGroup>

      <div className="sticky bottom-0 flex justify-end gap-2 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
        <ButtonLink href="/scans">Cancel</ButtonLink>
        <Button type="submit" variant="primary" disabled={creation.isPending}>
          {creation.isPending ? 'Creating…' : 'Create scan'}
        </Button>
      </div>
    </form>
  );
}
