'use client';

import { FormField } from '@/components/ui/form-field';
import { Select, Textarea } from '@/components/ui/input';
import type { LookupItem } from '@/lib/schemas/lookup';
import { splitTargets } from '@/lib/schemas/scan-fields';
import type { FieldErrors } from './scan-form-values';

type TargetFieldsProps = {
  ipList: string;
  assets: number[];
  assetOptions: LookupItem[];
  isAssetsLoading: boolean;
  /** Director refused its asset list: its words, shown in place of the choices */
  assetsUnavailable?: string | undefined;
  hasSci: boolean;
  errors: FieldErrors;
  onIpListChange: (value: string) => void;
  onAssetsChange: (value: number[]) => void;
};

export function TargetFields({
  ipList,
  assets,
  assetOptions,
  isAssetsLoading,
  assetsUnavailable,
  hasSci,
  errors,
  onIpListChange,
  onAssetsChange,
}: TargetFieldsProps) {
  const count = splitTargets(ipList).length;
  return (
    <>
      <FormField
        id="scan-iplist"
        label="Targets"
        error={errors.ipList}
        hint={`Addresses, ranges (10.0.0.1-10.0.0.20), CIDR blocks or host names, one per line or separated by commas.${count > 0 ? ` ${count} target${count === 1 ? '' : 's'}.` : ''}`}
      >
        {(control) => <Textarea {...control} rows={6} value={ipList} onChange={(e) => onIpListChange(e.target.value)} placeholder={'10.0.0.0/24\nweb01.example.com'} />}
      </FormField>
      <FormField
        id="scan-assets"
        label="Assets"
        error={errors.assets}
        hint={
          !hasSci
            ? 'Choose an SCI to see its assets.'
            : assetsUnavailable
              ? `Director did not list assets (${assetsUnavailable}); scan by targets instead.`
              : 'Hold Ctrl (⌘ on Mac) to choose several.'
        }
      >
        {(control) => (
          <Select
            {...control}
            multiple
            className="h-[9.5rem] py-1"
            disabled={!hasSci || isAssetsLoading || assetsUnavailable !== undefined}
            value={assets.map(String)}
            onChange={(e) => onAssetsChange(Array.from(e.target.selectedOptions, (option) => Number(option.value)))}
          >
            {assetOptions.map((asset) => (
              <option key={asset.id} value={asset.id}>
                {asset.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    </>
  );
}
